/*
 * tocsv: TSV to CSV as a spreadsheet writes it, for the benchmark of
 * bpimport (make bench).
 *
 * usage: tocsv <in.tsv >out.csv
 *
 * Each TSV line becomes one CSV record ended by CR LF (RFC 4180).  A
 * field that is not a plain number is quoted, its quotes doubled, as
 * spreadsheets and REDCap quote text; a number is written bare.
 */
#include <stdio.h>
#include <string.h>

static int
number(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if ((p[i] < '0' || p[i] > '9') && p[i] != '.')
			return 0;
	return n > 0;
}

static void
field(const char *p, size_t n)
{
	size_t	i;

	if (n == 0 || number(p, n)) {
		fwrite(p, 1, n, stdout);
		return;
	}
	putchar('"');
	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			putchar('"');
		putchar(p[i]);
	}
	putchar('"');
}

int
main(void)
{
	static char	 line[1 << 20];
	char		*p, *tab;
	size_t		 n;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		n = strlen(line);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		for (p = line; (tab = strchr(p, '\t')) != NULL; p = tab + 1) {
			field(p, (size_t)(tab - p));
			putchar(',');
		}
		field(p, strlen(p));
		fputs("\r\n", stdout);
	}
	if (ferror(stdin) || fflush(stdout) == EOF || ferror(stdout)) {
		perror("tocsv");
		return 2;
	}
	return 0;
}
