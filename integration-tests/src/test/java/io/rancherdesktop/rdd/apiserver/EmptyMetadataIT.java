package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube never returns empty {@code labels}/{@code annotations} maps (ObjectMeta's {@code omitempty}): a write,
 * dry run included, must not either, or {@code kubectl diff} reports a change on an unchanged manifest.
 */
@ExtendWith(ApiServerExtension.class)
class EmptyMetadataIT {
    private static final String CMS = RestSemanticsIT.CMS;
    private static final String WIDGETS = RestSemanticsIT.WIDGETS;
    private static final String MERGE = RestSemanticsIT.MERGE;

    private static void assertNoEmptyMetadata(Reply r) {
        JsonNode meta = r.json().path("metadata");
        for (String f : List.of("labels", "annotations", "finalizers", "ownerReferences")) {
            assertFalse(meta.has(f), f + " is returned although empty: " + r.body());
        }
    }

    @Test
    void emptyMapsAndListsAreNeitherStoredNorReturned(RawApiClient raw) {
        Reply created = raw.post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"empty-meta\",\"labels\":{},"
                + "\"annotations\":{},\"finalizers\":[]}}");
        assertEquals(201, created.status(), created.body());
        assertNoEmptyMetadata(created);
        assertNoEmptyMetadata(raw.get(CMS + "/empty-meta"));
        JsonNode owned = created.json().path("metadata").path("managedFields").path(0).path("fieldsV1").path("f:metadata");
        assertFalse(owned.has("f:labels") || owned.has("f:annotations"), "an omitted map is nobody's field: " + created.body());

        Reply dryRun = raw.patch(CMS + "/empty-meta?dryRun=All", "application/strategic-merge-patch+json", "{\"metadata\":{\"annotations\":{}}}");
        assertEquals(200, dryRun.status(), dryRun.body());
        assertNoEmptyMetadata(dryRun);

        Reply labelled = raw.patch(CMS + "/empty-meta", MERGE, "{\"metadata\":{\"labels\":{\"a\":\"1\"}}}");
        assertEquals("1", labelled.json().path("metadata").path("labels").path("a").asText(), labelled.body());
        Reply unlabelled = raw.patch(CMS + "/empty-meta", MERGE, "{\"metadata\":{\"labels\":{\"a\":null}}}");
        assertEquals(200, unlabelled.status(), unlabelled.body());
        assertNoEmptyMetadata(unlabelled);

        Reply widget = raw.post(WIDGETS, RestSemanticsIT.widget("empty-meta", "{\"color\":\"red\"}")
                .replace("\"name\":\"empty-meta\"", "\"name\":\"empty-meta\",\"labels\":{},\"annotations\":{}"));
        assertEquals(201, widget.status(), widget.body());
        assertNoEmptyMetadata(widget);
        Reply widgetDryRun = raw.patch(WIDGETS + "/empty-meta?dryRun=All", MERGE, "{\"metadata\":{\"annotations\":{}}}");
        assertEquals(200, widgetDryRun.status(), widgetDryRun.body());
        assertNoEmptyMetadata(widgetDryRun);
    }

    @Test
    void kubectlDiffOfAnUnchangedManifestFindsNoChange(ServiceRuntime runtime, @TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl") && onPath("diff"), "kubectl and diff are needed");
        Path manifest = tmp.resolve("cm.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: diff-me
                  namespace: default
                data:
                  a: "1"
                """);
        assertEquals(0, kubectl(runtime, tmp, "create", "-f", manifest.toString()).exit());
        Run diff = kubectl(runtime, tmp, "diff", "-f", manifest.toString());
        assertEquals(0, diff.exit(), "kubectl diff of an unchanged manifest: " + diff.output());
        Files.writeString(manifest, Files.readString(manifest).replace("\"1\"", "\"2\""));
        Run changed = kubectl(runtime, tmp, "diff", "-f", manifest.toString());
        assertEquals(1, changed.exit(), "a changed manifest is a difference: " + changed.output());
    }

    private record Run(int exit, String output) {
    }

    private static Run kubectl(ServiceRuntime runtime, Path tmp, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("kubectl"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", runtime.kubeconfig().toString());
        pb.environment().put("KUBECACHEDIR", tmp.resolve("kube-cache").toString());
        pb.environment().put("HOME", tmp.toString());
        Path out = Files.createTempFile(tmp, "kubectl-", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }
}
