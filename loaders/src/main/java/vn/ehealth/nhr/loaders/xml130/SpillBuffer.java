package vn.ehealth.nhr.loaders.xml130;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes of one decoded table: kept in memory while small, moved to a temporary file beyond
 * {@link #MEMORY_LIMIT}, so a 200 MB envelope never has to fit in the heap.
 */
final class SpillBuffer implements AutoCloseable {

    static final int MEMORY_LIMIT = 1 << 20;

    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;

    void write(byte[] bytes, int off, int len) {
        try {
            if (file == null && memory.size() + len > MEMORY_LIMIT) {
                file = Files.createTempFile("nhr-xml130-", ".xml");
                fileOut = Files.newOutputStream(file);
                memory.writeTo(fileOut);
                memory = null;
            }
            if (file != null) {
                fileOut.write(bytes, off, len);
            } else {
                memory.write(bytes, off, len);
            }
            size += len;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long size() {
        return size;
    }

    InputStream open() throws IOException {
        if (file == null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        fileOut.flush();
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
