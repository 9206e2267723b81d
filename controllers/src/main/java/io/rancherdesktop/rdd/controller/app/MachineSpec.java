package io.rancherdesktop.rdd.controller.app;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.vm.v1alpha1.EngineSpec;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineSpec;


/**
 * The part of a VirtualMachine spec the App controls, normalised (absent fields take the CRD defaults), so the App's
 * desired machine compares equal to a stored machine that says the same thing.
 */
record MachineSpec(boolean running, ContainerEngine engine, VmDriverKind driver, String socket) {

    MachineSpec {
        engine = engine == null ? ContainerEngine.MOBY : engine;
        driver = driver == null ? VmDriverKind.AUTO : driver;
        socket = socket == null || socket.isEmpty() ? null : socket;
    }

    /** What the App asks for: {@code spec.running}, {@code spec.containerEngine.name}, {@code spec.vm.*}. */
    static MachineSpec of(AppSpec app) {
        return new MachineSpec(Boolean.TRUE.equals(app.getRunning()),
                app.getContainerEngine() == null ? null : app.getContainerEngine().getName(),
                app.getVm() == null ? null : app.getVm().getDriver(),
                app.getVm() == null ? null : app.getVm().getSocket());
    }

    static MachineSpec of(VirtualMachineSpec vm) {
        if (vm == null) {
            return new MachineSpec(false, null, null, null);
        }
        return new MachineSpec(Boolean.TRUE.equals(vm.getRunning()),
                vm.getContainerEngine() == null ? null : vm.getContainerEngine().getName(), vm.getDriver(), vm.getSocket());
    }

    VirtualMachineSpec toSpec() {
        VirtualMachineSpec s = new VirtualMachineSpec();
        s.setRunning(running);
        s.setContainerEngine(new EngineSpec(engine));
        s.setDriver(driver);
        s.setSocket(socket);
        return s;
    }

    /** A JSON merge patch that sets every field (a null socket removes it). */
    String mergePatch() {
        StringBuilder sb = new StringBuilder("{\"spec\":{");
        sb.append("\"running\":").append(running)
                .append(",\"containerEngine\":{\"name\":\"").append(engine.value()).append("\"}")
                .append(",\"driver\":\"").append(driver.value()).append('"')
                .append(",\"socket\":").append(socket == null ? "null" : quote(socket));
        return sb.append("}}").toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return "running=" + running + ", containerEngine=" + engine + ", driver=" + driver
                + (socket == null ? "" : ", socket=" + socket);
    }
}
