package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.KubeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd ctl patch TYPE NAME -p PATCH [--type strategic|merge|json]}, as kubectl. */
@Command(name = "patch", description = "Update fields of a resource with a merge, JSON or strategic merge patch.")
public final class PatchCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(paramLabel = "TYPE NAME | TYPE/NAME", arity = "1..2")
    List<String> args = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = {"-p", "--patch"}, paramLabel = "PATCH", description = "The patch (JSON or YAML).")
    String patch;

    @Option(names = "--patch-file", paramLabel = "FILE", description = "A file holding the patch.")
    String patchFile;

    @Option(names = "--type", defaultValue = "strategic", paramLabel = "json|merge|strategic", description = "Patch type (default strategic).")
    String type;

    @Option(names = "--subresource", paramLabel = "status", description = "Patch this subresource.")
    String subresource;

    @Option(names = "--dry-run", paramLabel = "none|server", arity = "0..1", fallbackValue = "server")
    String dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT")
    String output;

    public PatchCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        String contentType = switch (type) {
            case "merge" -> KubeApi.MERGE_PATCH;
            case "json" -> KubeApi.JSON_PATCH;
            case "strategic" -> KubeApi.STRATEGIC_MERGE_PATCH;
            default -> throw CliException.plain(ExitCodes.GENERIC, "error: --type must be one of [json merge strategic], not \"" + type + "\"");
        };
        String body = patch;
        if (patchFile != null) {
            try {
                body = Files.readString(Path.of(patchFile));
            } catch (IOException e) {
                throw CliException.plain(ExitCodes.GENERIC, "error: unable to read patch file: " + e.getMessage());
            }
        }
        if (body == null || body.isBlank()) {
            throw CliException.plain(ExitCodes.GENERIC, "error: must specify --patch or --patch-file containing the contents of the patch");
        }
        body = PatchBody.toJson(body.strip());
        boolean serverDryRun = DryRun.server(dryRun);
        Selection sel = Selection.parse(session, args, "patch");
        if (sel.targets().size() != 1 || sel.targets().getFirst().names().size() != 1) {
            throw CliException.plain(ExitCodes.GENERIC, "error: patch requires exactly one resource type and name");
        }
        Selection.Target t = sel.targets().getFirst();
        String name = t.names().getFirst();
        String path = t.type().path(t.type().namespaced() ? ns.namespace() : null, name);
        if (subresource != null) {
            path += "/" + subresource;
        }
        String objPath = path;
        Map<String, Object> before = session.call(api -> api.get(objPath));
        String patchBody = body;
        Map<String, Object> after = session.call(api -> api.patch(objPath + (serverDryRun ? "?dryRun=All" : ""), contentType, patchBody));
        Item item = Item.of(t.type(), after);
        if (output != null) {
            Printing.print(session.out(), OutputFormat.parse(output), List.of(item), true, false);
            return ExitCodes.OK;
        }
        boolean changed = !MergePatch.equal(before, after);
        session.out().println(item.qualifiedName() + " patched" + (changed ? "" : " (no change)") + (serverDryRun ? " (server dry run)" : ""));
        session.out().flush();
        return ExitCodes.OK;
    }
}
