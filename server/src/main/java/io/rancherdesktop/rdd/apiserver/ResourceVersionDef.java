package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One served version of a resource.
 *
 * @param name             e.g. {@code v1alpha1}
 * @param storage          the version objects are stored in
 * @param schema           the {@code openAPIV3Schema} (structural), or {@code null} to accept anything
 * @param printerColumns   the table columns besides Name (Age is added when absent)
 * @param selectableFields field selector paths besides {@code metadata.name}/{@code metadata.namespace}, e.g. {@code .status.namespace}
 */
public record ResourceVersionDef(String name, boolean storage, JsonNode schema, List<PrinterColumn> printerColumns, List<String> selectableFields) {
    public ResourceVersionDef {
        printerColumns = List.copyOf(printerColumns);
        selectableFields = List.copyOf(selectableFields);
    }
}
