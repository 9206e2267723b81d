package io.rancherdesktop.rdd.ui.view.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalLauncherTest {
    private static final List<String> EXEC = List.of("rdd", "ctl", "exec", "-it", "web", "--", "sh");

    private static void executable(Path dir, String name) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        p.toFile().setExecutable(true);
    }

    @Test
    void linuxPrefersXTerminalEmulatorThenGnomeTerminalThenKonsole(@TempDir Path bin) throws Exception {
        executable(bin, "konsole");
        TerminalLauncher l = new TerminalLauncher("2", Map.of("PATH", bin.toString()), "Linux");
        assertEquals("konsole", l.terminalCommand(EXEC).getFirst());
        executable(bin, "gnome-terminal");
        assertEquals(List.of("gnome-terminal", "--", "rdd", "ctl", "exec", "-it", "web", "--", "sh"), l.terminalCommand(EXEC));
        executable(bin, "x-terminal-emulator");
        assertEquals(List.of("x-terminal-emulator", "-e"), l.terminalCommand(EXEC).subList(0, 2));
    }

    @Test
    void noEmulatorIsAClearMessageNamingWhatWasTriedAndTheOverride(@TempDir Path bin) {
        TerminalLauncher l = new TerminalLauncher("2", Map.of("PATH", bin.toString()), "Linux");
        var e = assertThrows(TerminalLauncher.NoTerminalException.class, () -> l.terminalCommand(EXEC));
        assertTrue(e.getMessage().contains("x-terminal-emulator, gnome-terminal, konsole") && e.getMessage().contains("RDD_TERMINAL"), e.getMessage());
    }

    @Test
    void rddTerminalOverridesAndGetsTheExecWordsAppended() throws Exception {
        TerminalLauncher l = new TerminalLauncher("dev", Map.of("RDD_TERMINAL", "xterm -e", "RDD_CLI", "/x/rdd"), "Linux");
        List<String> exec = l.execCommand("default", "web", true, List.of("sh"));
        assertEquals(List.of("/x/rdd", "--instance", "dev", "ctl", "exec", "-n", "default", "-it", "web", "--", "sh"), exec);
        assertEquals(List.of("xterm", "-e", "/x/rdd", "--instance", "dev", "ctl", "exec", "-n", "default", "-it", "web", "--", "sh"),
                l.terminalCommand(exec));
    }

    @Test
    void macOsRunsTerminalAppWithTheWordsQuotedForSh() throws Exception {
        TerminalLauncher l = new TerminalLauncher("2", Map.of(), "Mac OS X");
        List<String> argv = l.terminalCommand(List.of("/Applications/My Tools/rdd", "ctl", "exec", "-it", "web", "--", "sh"));
        assertEquals("osascript", argv.getFirst());
        assertTrue(argv.get(2).contains("'/Applications/My Tools/rdd' ctl exec -it web -- sh"), argv.get(2));
    }
}
