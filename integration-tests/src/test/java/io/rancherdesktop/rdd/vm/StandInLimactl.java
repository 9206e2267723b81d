package io.rancherdesktop.rdd.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in {@code limactl} (Lima cannot run on the dev machines): a bash script that appends its argv (and
 * {@code LIMA_HOME}) to a log and simulates an instance under {@code $LIMA_HOME/<name>}: {@code create} copies the
 * template to {@code lima.yaml}; {@code start} starts a fake host agent (pid in {@code ha.pid}) and, for moby,
 * "forwards" the guest Docker socket by linking the template's {@code hostSocket} to a real engine's socket
 * ({@code STANDIN_ENGINE_SOCKET}); {@code stop}/{@code delete} undo that; {@code list --json} prints one JSON object
 * per instance. {@code STANDIN_FAIL_<CMD>} makes a command fail with that text, as limactl's fatal log line.
 */
final class StandInLimactl {
    static final String SCRIPT = """
            #!/bin/bash
            set -u
            echo "LIMA_HOME=$LIMA_HOME $*" >> "$STANDIN_LOG"
            cmd=$1; shift
            last=${@: -1}
            fail() { echo "time=\\"2025-01-01T00:00:00Z\\" level=fatal msg=\\"$1\\"" >&2; exit 1; }
            hostsock() { sed -n 's/^  hostSocket: "\\(.*\\)"$/\\1/p' "$1/lima.yaml"; }
            stop_agent() { [ -f "$1/ha.pid" ] && kill "$(cat "$1/ha.pid")" 2>/dev/null; rm -f "$1/ha.pid"; }
            case "$cmd" in
              list)
                for d in "$LIMA_HOME"/*/; do
                  [ -f "$d/lima.yaml" ] || continue
                  printf '{"name":"%s","status":"%s","dir":"%s"}\\n' "$(basename "$d")" "$(cat "$d/status")" "${d%/}"
                done ;;
              create)
                [ -n "${STANDIN_FAIL_CREATE:-}" ] && fail "$STANDIN_FAIL_CREATE"
                name=""; file=""
                for a in "$@"; do case "$a" in --name=*) name=${a#--name=};; --tty=*) ;; *) file=$a;; esac; done
                mkdir -p "$LIMA_HOME/$name" && cp "$file" "$LIMA_HOME/$name/lima.yaml" && echo Stopped > "$LIMA_HOME/$name/status" ;;
              start)
                [ -n "${STANDIN_FAIL_START:-}" ] && fail "$STANDIN_FAIL_START"
                d="$LIMA_HOME/$last"
                tail -f /dev/null "$d/status" </dev/null >/dev/null 2>&1 &
                echo $! > "$d/ha.pid"
                if grep -q 'engine="moby"' "$d/lima.yaml"; then
                  s=$(hostsock "$d"); mkdir -p "$(dirname "$s")"; ln -sfn "$STANDIN_ENGINE_SOCKET" "$s"
                fi
                echo Running > "$d/status" ;;
              stop)
                [ -n "${STANDIN_FAIL_STOP:-}" ] && fail "$STANDIN_FAIL_STOP"
                d="$LIMA_HOME/$last"; stop_agent "$d"; rm -f "$(hostsock "$d")"; echo Stopped > "$d/status" ;;
              delete)
                d="$LIMA_HOME/$last"; stop_agent "$d"; rm -f "$(hostsock "$d")"; rm -rf "$d" ;;
              shell)
                [ -n "${STANDIN_FAIL_SHELL:-}" ] && fail "$STANDIN_FAIL_SHELL"
                echo "Client: nerdctl (stand-in)" ;;
              *) fail "stand-in limactl: unknown command $cmd" ;;
            esac
            """;

    final Path script;
    final Path log;

    StandInLimactl(Path dir) throws IOException {
        Files.createDirectories(dir);
        script = dir.resolve("limactl");
        log = dir.resolve("limactl.log");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Recorded invocations, {@code LIMA_HOME=<dir> <args…>}, one per line. */
    List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
