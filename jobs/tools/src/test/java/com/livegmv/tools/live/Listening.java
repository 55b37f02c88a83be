package com.livegmv.tools.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What this JVM listens on, as {@code ss -ltnp} shows it: the listening TCP sockets of {@code
 * /proc/net/tcp} and {@code tcp6} whose inodes are this process's open files. Linux only.
 */
public final class Listening {
    private static final String LISTEN = "0A";

    private Listening() {}

    /** Whether this machine can tell (it has {@code /proc/net/tcp}). */
    public static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp"))
                && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** Every address and port this process listens on now. */
    public static Set<InetSocketAddress> ofThisProcess() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing: not a listener of ours
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<InetSocketAddress> out = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            listeners(Path.of(table))
                    .forEach(
                            (inode, address) -> {
                                if (inodes.contains(inode)) {
                                    out.add(address);
                                }
                            });
        }
        return out;
    }

    /** This machine's addresses other than loopback (where others reach it). */
    public static List<InetAddress> nonLoopbackAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .toList();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Listening sockets by inode. */
    private static Map<String, InetSocketAddress> listeners(Path table) {
        Map<String, InetSocketAddress> out = new HashMap<>();
        if (!Files.isReadable(table)) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN)) {
                    String[] local = f[1].split(":");
                    out.put(
                            f[9],
                            new InetSocketAddress(
                                    address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The kernel's hex: 32-bit words in host (little-endian) order. */
    private static InetAddress address(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
