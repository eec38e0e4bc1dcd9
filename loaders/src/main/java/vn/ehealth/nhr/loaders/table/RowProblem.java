package vn.ehealth.nhr.loaders.table;

import java.nio.file.Path;

/**
 * One problem in an input file, located for the person who has to fix it: {@code file:line: problem}.
 * Line numbers are those a spreadsheet program or text editor shows (1-based, header included);
 * line 0 means the file as a whole.
 */
public record RowProblem(Path file, int line, String message) {

    @Override
    public String toString() {
        return (file == null ? "?" : file.getFileName().toString()) + ":" + line + ": " + message;
    }
}
