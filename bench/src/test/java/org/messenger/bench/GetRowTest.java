package org.messenger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The get row of {@code bench transfer} against a stand-in launcher: its "server" is a Java
 * process that only listens, its "get" copies the shared file (or a corrupted copy). What is
 * checked is the row's plumbing and honesty, never a speed.
 */
@Timeout(120)
class GetRowTest {
    @TempDir
    Path temp;

    private final StringWriter console = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(console, true));
        cli.setErr(new PrintWriter(console, true));
        return cli.execute(args);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> rows() throws Exception {
        Map<String, Object> report = (Map<String, Object>) MiniJson.parse(Files.readString(temp.resolve("out/transfer-latest.json")));
        return (List<Map<String, Object>>) report.get("rows");
    }

    /** A launcher whose server listens on --port and whose get copies the shared file into --out (then runs {@code afterCopy}). */
    private Path fakeLauncher(String afterCopy) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("launcher"));
        Files.writeString(dir.resolve("Listen.java"), """
                public class Listen {
                    public static void main(String[] args) throws Exception {
                        var server = new java.net.ServerSocket(Integer.parseInt(args[0]), 50, java.net.InetAddress.getLoopbackAddress());
                        while (true) server.accept().close();
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = dir.resolve("messenger");
        Files.writeString(script, """
                #!/bin/bash
                here="$(dirname "$0")"
                command="$1"; shift
                name=""
                while [ $# -gt 0 ]; do
                    case "$1" in
                        --port) port="$2"; shift ;;
                        --files) files="$2"; shift ;;
                        --out) out="$2"; shift ;;
                        --*) shift ;;
                        *) name="$1" ;;
                    esac
                    shift
                done
                case "$command" in
                    server) echo "$files" > "$here/shared-folder"; exec "%s" "$here/Listen.java" "$port" ;;
                    get) cp "$(cat "$here/shared-folder")/$name" "$out/$name"; f="$out/$name"; %s ;;
                esac
                """.formatted(java, afterCopy));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void getRowTimesTheWholeGetProcessAgainstATcpCopyOfTheSameFile() throws Exception {
        Path launcher = fakeLauncher("exit 0");

        int exit = run("transfer", "--scenario", "get", "--size", "1MiB", "--repeat", "2", "--launcher", launcher.toString(),
                "--out", temp.resolve("out").toString(), "--dir", temp.toString(), "--no-plots");

        assertThat(exit).as(console.toString()).isZero();
        List<Map<String, Object>> rows = rows();
        assertThat(rows).extracting(r -> r.get("path")).containsExactly("tcp", "get");
        Map<String, Object> get = rows.get(1);
        assertThat(get).containsEntry("scenario", "get").containsEntry("status", "ok").containsEntry("fileBytes", 1048576.0);
        assertThat((List<?>) get.get("runsSeconds")).hasSize(2);
        double ratio = (Double) get.get("ratioToTcp");
        assertThat(ratio).isEqualTo((Double) rows.get(0).get("medianSeconds") / (Double) get.get("medianSeconds"));
        assertThat(console.toString()).contains("| get | 1 MiB |", ">= 1.0x TCP");
        // The least a verified get could take, measured beside it: a 1-byte get and the file's SHA-256.
        double oneByte = (Double) get.get("oneByteGetSeconds");
        double hash = (Double) get.get("sha256Seconds");
        assertThat(oneByte).isPositive();
        assertThat(hash).isPositive();
        assertThat((Double) get.get("ratioBoundToTcp")).isEqualTo((Double) rows.get(0).get("medianSeconds") / (oneByte + hash));
        assertThat(console.toString()).contains("a 1-byte get", "SHA-256 of the size in memory", "no verified get can beat");
        // Everything the row made is gone again.
        try (var left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("messenger-bench-get-"));
        }
    }

    @Test
    void aGetThatSavesWrongBytesIsAFailedRowNotATime() throws Exception {
        Path launcher = fakeLauncher("printf 'X' | dd of=\"$f\" bs=1 seek=1000 conv=notrunc 2>/dev/null; exit 0");

        int exit = run("transfer", "--scenario", "get", "--size", "1MiB", "--repeat", "1", "--launcher", launcher.toString(),
                "--out", temp.resolve("out").toString(), "--dir", temp.toString(), "--no-plots");

        assertThat(exit).isEqualTo(1);
        Map<String, Object> get = rows().get(1);
        assertThat(get).containsEntry("status", "failed").doesNotContainKey("medianSeconds");
        assertThat((String) get.get("note")).contains("reported success but", "differs from the source");
    }

    @Test
    void aGetThatFailsIsAFailedRowWithWhatItSaid() throws Exception {
        Path launcher = fakeLauncher("echo 'Checksum mismatch for big.bin'; exit 1");

        int exit = run("transfer", "--scenario", "get", "--size", "1MiB", "--repeat", "1", "--launcher", launcher.toString(),
                "--out", temp.resolve("out").toString(), "--dir", temp.toString(), "--no-plots");

        assertThat(exit).isEqualTo(1);
        assertThat((String) rows().get(1).get("note")).contains("exited with 1", "Checksum mismatch for big.bin");
    }

    @Test
    void getRowWithoutALauncherIsAUsageError() {
        int exit = run("transfer", "--scenario", "get", "--out", temp.resolve("out").toString(), "--dir", temp.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.toString()).contains("--scenario get runs ./messenger");
    }
}
