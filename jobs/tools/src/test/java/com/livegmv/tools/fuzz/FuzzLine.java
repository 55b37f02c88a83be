package com.livegmv.tools.fuzz;

import com.livegmv.events.RecordDecoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One line of a fuzz input file: a festival event ({@code fuzz} null) or a fuzz record, which must
 * stay one line that the reader does not skip as blank.
 */
public final class FuzzLine {
    public final byte[] content; // without the line end
    public final boolean crlf;
    public final FuzzRecord fuzz;

    public FuzzLine(byte[] content, boolean crlf, FuzzRecord fuzz) {
        this.content = content;
        this.crlf = crlf;
        this.fuzz = fuzz;
        if (fuzz != null) {
            for (byte b : content) {
                if (b == '\n') {
                    throw new IllegalStateException("newline in " + fuzz.describe());
                }
            }
            if (RecordDecoder.isBlank(content, content.length)) {
                throw new IllegalStateException("blank " + fuzz.describe());
            }
            if (content[content.length - 1] == '\r') {
                throw new IllegalStateException("ends with CR: " + fuzz.describe());
            }
        }
    }

    public String describe() {
        return fuzz == null ? "(festival)" : fuzz.describe() + (crlf ? " CRLF" : "");
    }

    /** Writes the lines, each ended by LF or CRLF; returns the bytes written. */
    public static long write(Path file, List<FuzzLine> lines) throws IOException {
        long n = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (FuzzLine l : lines) {
                out.write(l.content);
                if (l.crlf) {
                    out.write('\r');
                }
                out.write('\n');
                n += l.content.length + (l.crlf ? 2 : 1);
            }
        }
        return n;
    }
}
