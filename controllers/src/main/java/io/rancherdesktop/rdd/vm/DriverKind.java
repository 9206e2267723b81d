package io.rancherdesktop.rdd.vm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code App.spec.vm.driver}: how the engine is run. {@link #AUTO} is resolved by {@link DriverSelector}. */
public enum DriverKind {
    AUTO("auto"), PROCESS("process"), EXTERNAL("external"), LIMA("lima");

    private final String specValue;

    DriverKind(String specValue) {
        this.specValue = specValue;
    }

    /** The value as written in {@code App.spec.vm.driver}. */
    public String specValue() {
        return specValue;
    }

    /** Parses a spec value; {@code null} or empty means {@link #AUTO} (the default). */
    public static DriverKind parse(String value) {
        if (value == null || value.isEmpty()) {
            return AUTO;
        }
        for (DriverKind k : values()) {
            if (k.specValue.equals(value.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown VM driver \"" + value + "\"; valid values: "
                + Arrays.stream(values()).map(DriverKind::specValue).collect(Collectors.joining(", ")));
    }
}
