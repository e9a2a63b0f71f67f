/*
 * batch_xlsx_check.c: reads reclassification.xlsx back after libxlsxwriter wrote it.
 * libxlsxwriter does not notice a failed write to its temporary files (a full disk,
 * a file-size limit): the workbook then comes out as a valid ZIP holding cut-off
 * sheets.  So every part is inflated (libzip checks its CRC), parsed as a stream
 * (libxml2 SAX, no tree: constant memory), and each sheet's rows are counted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

#include "batch_xlsx.h"
#include "messages.h"

typedef struct part_count {
	size_t rows;
} part_count;

static void on_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	(void)atts;
	if (strcmp((const char *)name, "row") == 0)
		((part_count *)ctx)->rows++;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Inflates one part and parses it; 0 when it is well-formed, with its rows counted. */
static int check_part(zip_t *z, zip_uint64_t i, part_count *pc, char *why, size_t size)
{
	const char *name = zip_get_name(z, i, 0);
	xmlSAXHandler sax;
	char buf[1 << 16];
	zip_int64_t n;

	memset(&sax, 0, sizeof sax);    /* SAX1: startElement gets the element's name */
	sax.startElement = on_element;
	sax.warning = quiet;
	sax.error = quiet;
	zip_file_t *f = zip_fopen_index(z, i, 0);
	if (!f) {
		messages_format(why, size, "xlsx.check.part-unreadable", "part", name, "error",
				zip_strerror(z), NULL);
		return -1;
	}
	xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, pc, NULL, 0, name);
	if (!ctxt) {
		zip_fclose(f);
		messages_format(why, size, "out.no-memory", NULL);
		return -1;
	}
	xmlCtxtUseOptions(ctxt, XML_PARSE_HUGE | XML_PARSE_NONET);
	while ((n = zip_fread(f, buf, sizeof buf)) > 0)
		xmlParseChunk(ctxt, buf, (int)n, 0);
	if (n < 0)
		messages_format(why, size, "xlsx.check.part-unreadable", "part", name, "error",
				zip_file_strerror(f), NULL);
	xmlParseChunk(ctxt, NULL, 0, 1);
	int well_formed = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	zip_fclose(f);
	if (n < 0)
		return -1;
	if (!well_formed) {
		messages_format(why, size, "xlsx.check.part-incomplete", "part", name, NULL);
		return -1;
	}
	return 0;
}

int batch_xlsx_check(const char *path, const size_t *rows, size_t n_sheets, char *why,
		     size_t size)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);

	if (!z) {
		zip_error_t e;
		zip_error_init_with_code(&e, zerr);
		messages_format(why, size, "xlsx.check.unreadable", "error", zip_error_strerror(&e),
				NULL);
		zip_error_fini(&e);
		return -1;
	}
	zip_int64_t n = zip_get_num_entries(z, 0);
	size_t sheets_seen = 0;
	int status = 0;
	for (zip_int64_t i = 0; i < n && status == 0; i++) {
		part_count pc = { 0 };
		unsigned sheet;
		char tail;
		status = check_part(z, (zip_uint64_t)i, &pc, why, size);
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		if (status == 0 && name &&
		    sscanf(name, "xl/worksheets/sheet%u.xml%c", &sheet, &tail) == 1) {
			sheets_seen++;
			if (sheet == 0 || sheet > n_sheets || pc.rows != rows[sheet - 1]) {
				char got[24], want[24];
				snprintf(got, sizeof got, "%zu", pc.rows);
				snprintf(want, sizeof want, "%zu",
					 sheet && sheet <= n_sheets ? rows[sheet - 1] : 0);
				messages_format(why, size, "xlsx.check.rows", "part", name, "rows", got,
						"want", want, NULL);
				status = -1;
			}
		}
	}
	if (status == 0 && sheets_seen != n_sheets) {
		char got[24], want[24];
		snprintf(got, sizeof got, "%zu", sheets_seen);
		snprintf(want, sizeof want, "%zu", n_sheets);
		messages_format(why, size, "xlsx.check.sheets", "sheets", got, "want", want, NULL);
		status = -1;
	}
	zip_discard(z);
	return status;
}
