package dev.vaani.crm;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF. */
final class Csv {

    private Csv() {
    }

    /** Records of the text, each with its 1-based starting line number. Blank lines are dropped. */
    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowStart = 1;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                addRow(rows, fields, rowStart);
                fields = new ArrayList<>();
                line++;
                rowStart = line;
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        addRow(rows, fields, rowStart);
        return rows;
    }

    private static void addRow(List<Row> rows, List<String> fields, int line) {
        if (!(fields.size() == 1 && fields.getFirst().isBlank())) {
            rows.add(new Row(line, List.copyOf(fields)));
        }
    }

    record Row(int line, List<String> fields) {
        String get(int index) {
            return index >= 0 && index < fields.size() ? fields.get(index).strip() : "";
        }
    }
}
