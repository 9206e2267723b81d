package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.logging.LogLevel;
import io.rancherdesktop.rdd.logging.LogbackSetup;
import io.rancherdesktop.rdd.support.BundleItem;
import io.rancherdesktop.rdd.support.SupportBundle;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rdd svc bundle [-o FILE]}: writes a support bundle (a zip with secrets removed; see docs/support.md) and
 * prints its path. Never starts the service: with the service down it still collects the logs and configuration
 * and says what it skipped.
 */
@Command(name = "bundle", description = "Write a support bundle (logs, configuration, status; secrets removed) and print its path.")
public final class SvcBundleCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SvcBundleCommand.class);
    private final CliContext ctx;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The bundle file, or a directory to write it in (default: rdd-bundle-<instance>-<UTC time>.zip in the current dir).")
    Path output;

    public SvcBundleCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (ctx.global().logLevel().compareTo(LogLevel.INFO) < 0) {
            LogbackSetup.setLevel(LogLevel.INFO); // what was skipped is part of the answer
        }
        Instant now = Instant.now();
        String defaultName = SupportBundle.defaultFileName(ctx.paths(), now);
        Path target = output == null ? Path.of(defaultName) : Files.isDirectory(output) ? output.resolve(defaultName) : output;
        target = target.toAbsolutePath().normalize();
        if (!Files.isDirectory(target.getParent())) {
            throw CliException.usage("cannot write the support bundle: " + target.getParent() + " is not a directory");
        }
        SupportBundle bundle = new SupportBundle(ctx.paths(), ctx.buildInfo(), ctx.env(), SupportBundle.Options.DEFAULTS);
        SupportBundle.Result result;
        try (TerminalProgress p = TerminalProgress.start("collecting the support bundle")) {
            result = bundle.write(target, now, part -> log.debug("collecting {}", part));
        } catch (FileAlreadyExistsException e) {
            throw CliException.usage("cannot write the support bundle: " + target + " already exists");
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot write the support bundle " + target + ": " + e.getMessage(), e);
        }
        if (!result.serviceRunning()) {
            log.info("{} control plane is not running: the bundle has its logs and configuration but no API objects", new ServiceControl(ctx).quotedName());
        }
        for (BundleItem.Skipped s : result.skipped()) {
            log.debug("skipped {}: {}", s.name(), s.reason());
        }
        for (BundleItem.Failed f : result.failed()) {
            log.warn("could not collect {}: {}", f.name(), f.error());
        }
        log.info("wrote the support bundle; secrets (token, keys, passwords) were removed, but look it over before you share it");
        ctx.out().println(result.file());
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
