package io.rancherdesktop.rdd.apiserver;

/** One {@code additionalPrinterColumns} entry of a CRD version (or of a builtin kind). */
public record PrinterColumn(String name, String type, String format, String description, int priority, String jsonPath) {
}
