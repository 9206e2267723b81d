package io.rancherdesktop.rdd.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real Docker engine ({@link DockerdProcess}). One engine serves the whole
 * run: it lives in the root context's store, so JUnit closes it once after the last test, even on failure.
 * Tests declare a {@link DockerdProcess} parameter (constructor, lifecycle or test method) to get it.
 */
public final class RealDockerEngine implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == DockerdProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        return engine(ec);
    }

    /** The shared engine, started on first use. */
    public static DockerdProcess engine(ExtensionContext ec) {
        ExtensionContext.Store store = ec.getRoot().getStore(ExtensionContext.Namespace.create(RealDockerEngine.class));
        return store.getOrComputeIfAbsent("dockerd",
                k -> DockerdProcess.startOrAttach(Path.of("target", "test-logs")), DockerdProcess.class);
    }
}
