package io.rancherdesktop.rdd.cli;


import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rdd set [--dry-run] [--wait=true] [--timeout=5m] PROPERTY=VALUE…} (docs/design/upstream-cli.md §5): sets App properties
 * and waits until the App has settled. The properties come from the App CRD the service serves, so its help starts
 * the service to list them.
 */
@Command(name = "set", description = {
        "Set properties of the App (creating it if needed) and wait until it has reached the new state.",
        "Properties are read from the App schema; nested fields use dots, e.g. containerEngine.name=containerd. "
                + "An empty value clears a string property."},
        usageHelpAutoWidth = true)
public final class SetCommand implements Callable<Integer> {
    /** The help section that lists the properties. */
    static final String PROPERTIES_SECTION = "availableProperties";

    private final CliContext ctx;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "true", defaultValue = "false", paramLabel = "BOOL",
            description = "Validate the change on the server without applying it (creates the App with its defaults if it is absent); never waits.")
    boolean dryRun;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
            description = "Wait until the App has settled (default true).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            description = "How long to wait (default 5m; 0 waits forever).")
    String timeout;

    @Parameters(paramLabel = "PROPERTY=VALUE", arity = "0..*", description = "Properties to set.")
    List<String> assignments = new ArrayList<>();

    public SetCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Picocli injects the spec while it builds the model: the moment to add the lazily built properties table. */
    @Spec
    void installPropertiesHelp(CommandSpec spec) {
        CommandLine.Model.UsageMessageSpec usage = spec.usageMessage();
        List<String> keys = new ArrayList<>(usage.sectionKeys());
        keys.add(PROPERTIES_SECTION);
        usage.sectionKeys(keys);
        usage.sectionMap().put(PROPERTIES_SECTION, help -> propertiesHelp());
    }

    private String propertiesHelp() {
        try {
            AppClient client = new AppUpdate(ctx).connect();
            return "\n" + client.properties().helpTable();
        } catch (CliException e) {
            return "\nAvailable properties: unavailable (" + e.getMessage() + ")\n";
        }
    }

    @Override
    public Integer call() {
        var t = DurationFlag.parse("--timeout", timeout);
        if (assignments.isEmpty()) {
            throw CliException.usage("expected at least one PROPERTY=VALUE argument; see \"rdd set --help\"");
        }
        assignments.forEach(AppProperties::split); // syntax errors exit 1 before the service is started
        AppUpdate update = new AppUpdate(ctx);
        update.apply(update.connect(), assignments, new AppUpdate.Options(dryRun, wait, t));
        return ExitCodes.OK;
    }
}
