/* fmtcheck.c - check that standard input is valid JSON or RFC 4180 CSV.
 * usage: fmtcheck json|csv < FILE ; exit 0 when valid, 1 with a message when not.
 * CSV: CRLF line ends, quoted fields with doubled quotes, every record with
 * the same number of fields as the header. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int check_csv(FILE *f)
{
    int c, fields = 1, header = -1, record = 1, in_quotes = 0, at_start = 1;
    while ((c = getc(f)) != EOF) {
        if (in_quotes) {
            if (c == '"') {
                int d = getc(f);
                if (d == '"')
                    continue;
                in_quotes = 0;
                if (d == EOF)
                    break;
                c = d;
            } else {
                continue;
            }
        }
        if (c == '"') {
            if (!at_start) {
                fprintf(stderr, "fmtcheck: record %d: a quote inside an unquoted field\n", record);
                return 1;
            }
            in_quotes = 1;
            at_start = 0;
        } else if (c == ',') {
            fields++;
            at_start = 1;
        } else if (c == '\r') {
            if (getc(f) != '\n') {
                fprintf(stderr, "fmtcheck: record %d: CR without LF\n", record);
                return 1;
            }
            if (header < 0)
                header = fields;
            else if (fields != header) {
                fprintf(stderr, "fmtcheck: record %d has %d fields, the header %d\n", record, fields, header);
                return 1;
            }
            record++;
            fields = 1;
            at_start = 1;
        } else if (c == '\n') {
            fprintf(stderr, "fmtcheck: record %d: LF without CR (RFC 4180 wants CRLF)\n", record);
            return 1;
        } else {
            at_start = 0;
        }
    }
    if (in_quotes) {
        fprintf(stderr, "fmtcheck: unterminated quoted field\n");
        return 1;
    }
    if (header < 0) {
        fprintf(stderr, "fmtcheck: no CSV records\n");
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 || (strcmp(argv[1], "json") != 0 && strcmp(argv[1], "csv") != 0)) {
        fprintf(stderr, "usage: fmtcheck json|csv < FILE\n");
        return 2;
    }
    if (strcmp(argv[1], "csv") == 0)
        return check_csv(stdin);
    json_error_t e;
    json_t *j = json_loadf(stdin, 0, &e);
    if (!j) {
        fprintf(stderr, "fmtcheck: invalid JSON at line %d: %s\n", e.line, e.text);
        return 1;
    }
    json_decref(j);
    return 0;
}
