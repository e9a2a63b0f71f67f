/*
 * cmd_import.c: `planner import STORES.csv|.xlsx -o REGION.xml ...`: turns a spreadsheet
 * export of a region's stores (and optionally a long-form ORDERS table) into a region
 * file.  Reading and checking is models/ (table_csv.c, table_xlsx.c, import.c); this
 * file parses the options, prints the problems and writes the XML atomically.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlwriter.h>

#include "commands.h"
#include "datapath.h"
#include "field_rules.h"
#include "import.h"
#include "messages.h"
#include "numbers.h"
#include "render_out.h"

typedef struct import_args {
	const char *stores, *orders, *output, *region_id, *region_name, *unit, *sheet, *map;
	quarter_t quarter;
	table_encoding encoding;
} import_args;

static void report(void *ctx, const diag *d)
{
	(void)ctx;
	report_diag(d);
}

/* 1 when the file starts like a ZIP archive (an XLSX workbook), whatever its name. */
static int is_zip(const char *path)
{
	unsigned char magic[4] = { 0 };
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return 0;
	size_t n = fread(magic, 1, sizeof magic, fp);
	fclose(fp);
	return n == 4 && memcmp(magic, "PK\x03\x04", 4) == 0;
}

static int read_table(const import_args *a, const char *path, table *t)
{
	diag err;
	int status = is_zip(path) ? table_read_xlsx(path, a->sheet, t, &err)
				  : table_read_csv(path, a->encoding, t, &err);
	if (status != EXIT_OK)
		report_diag(&err);
	return status;
}

/* ---- the region file ---------------------------------------------------------------- */

static int write_cb(void *ctx, const char *buf, int len)
{
	render_out *o = ctx;

	render_out_write(o, buf, (size_t)len);
	return o->out.err ? -1 : len;
}

/* A number as a plain decimal (the schema's xs:decimal has no exponent), the same
 * bytes whichever file it came from. */
static void decimal(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.15g", v);
	if (strchr(buf, 'e'))
		number_format(strtod(buf, NULL), 15, buf, size);
}

static int write_region(xmlTextWriterPtr w, const import_args *a, const import_result *r)
{
	char num[64], q[12], code[5];
	int rc = 0;

	rc |= xmlTextWriterSetIndent(w, 1) < 0;
	rc |= xmlTextWriterSetIndentString(w, BAD_CAST "  ") < 0;
	rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "region") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST a->region_id) < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST a->region_name) < 0;
	if (a->quarter != QUARTER_NONE) {
		quarter_format(a->quarter, q);
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "quarter", BAD_CAST q) < 0;
	}
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "unit", BAD_CAST a->unit) < 0;
	for (size_t i = 0; i < r->n && !rc; i++) {
		const import_store *s = &r->stores[i];
		rc |= xmlTextWriterStartElement(w, BAD_CAST "store") < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST s->id) < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name", BAD_CAST s->name) < 0;
		code_format(&s->code, code);
		rc |= xmlTextWriterWriteElement(w, BAD_CAST "code", BAD_CAST code) < 0;
		if (s->owner)
			rc |= xmlTextWriterWriteElement(w, BAD_CAST "owner", BAD_CAST s->owner) < 0;
		if (s->address)
			rc |= xmlTextWriterWriteElement(w, BAD_CAST "address", BAD_CAST s->address) < 0;
		if (s->area > 0) {
			decimal(s->area, num, sizeof num);
			rc |= xmlTextWriterWriteElement(w, BAD_CAST "area", BAD_CAST num) < 0;
		}
		if (s->opened) {
			snprintf(num, sizeof num, "%d", s->opened);
			rc |= xmlTextWriterWriteElement(w, BAD_CAST "opened", BAD_CAST num) < 0;
		}
		rc |= xmlTextWriterStartElement(w, BAD_CAST "orders") < 0;
		for (size_t k = 0; k < s->n_orders; k++) {
			quarter_format(s->orders[k].quarter, q);
			decimal(s->orders[k].orders, num, sizeof num);
			rc |= xmlTextWriterStartElement(w, BAD_CAST "q") < 0;
			rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST q) < 0;
			rc |= xmlTextWriterWriteString(w, BAD_CAST num) < 0;
			rc |= xmlTextWriterEndElement(w) < 0;
		}
		rc |= xmlTextWriterEndElement(w) < 0;   /* orders */
		rc |= xmlTextWriterEndElement(w) < 0;   /* store */
	}
	rc |= xmlTextWriterEndDocument(w) < 0;
	rc |= xmlTextWriterFlush(w) < 0;
	return rc;
}

static int write_output(const import_args *a, const import_result *r)
{
	render_out *o = malloc(sizeof *o);
	diag err;

	if (!o) {
		report_msg("import", "cmd.out-of-memory", NULL);
		return EXIT_SOFTWARE;
	}
	int status = render_out_open(o, a->output, &err);
	if (status != EXIT_OK) {
		free(o);
		return report_diag(&err);
	}
	xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(write_cb, NULL, o, NULL);
	xmlTextWriterPtr w = buf ? xmlNewTextWriter(buf) : NULL;
	int failed = !w || write_region(w, a, r);
	if (w)
		xmlFreeTextWriter(w);   /* also frees buf */
	else if (buf)
		xmlOutputBufferClose(buf);
	if (failed && !o->out.err) {
		render_out_abort(o);
		free(o);
		report_msg("import", "cmd.import.xml-memory", "file", a->output, NULL);
		return EXIT_SOFTWARE;
	}
	status = render_out_commit(o, &err);
	free(o);
	return status == EXIT_OK ? EXIT_OK : report_diag(&err);
}

/* ---- the command ------------------------------------------------------------------ */

/* import's options */
enum { OPT_ORDERS = 256, OPT_REGION_ID, OPT_REGION_NAME, OPT_UNIT, OPT_SHEET,
       OPT_ENCODING, OPT_MAP };
const struct option cmd_import_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "orders", required_argument, NULL, OPT_ORDERS },
	{ "region-id", required_argument, NULL, OPT_REGION_ID },
	{ "region-name", required_argument, NULL, OPT_REGION_NAME },
	{ "quarter", required_argument, NULL, 'q' },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "sheet", required_argument, NULL, OPT_SHEET },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

static int parse_args(int argc, char **argv, import_args *a)
{
	int ch;

	*a = (import_args){ .unit = "carton" };
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:q:h", cmd_import_options, NULL)) != -1) {
		switch (ch) {
		case 'o': a->output = optarg; break;
		case OPT_ORDERS: a->orders = optarg; break;
		case OPT_REGION_ID: a->region_id = optarg; break;
		case OPT_REGION_NAME: a->region_name = optarg; break;
		case 'q':
			if (options_quarter("import", "--quarter", optarg, &a->quarter) < 0)
				return EXIT_USAGE;
			break;
		case OPT_UNIT: a->unit = optarg; break;
		case OPT_SHEET: a->sheet = optarg; break;
		case OPT_ENCODING:
			if (strcmp(optarg, "auto") == 0)
				a->encoding = TABLE_ENC_AUTO;
			else if (strcasecmp(optarg, "utf-8") == 0 || strcasecmp(optarg, "utf8") == 0)
				a->encoding = TABLE_ENC_UTF8;
			else if (strcasecmp(optarg, "gb18030") == 0 || strcasecmp(optarg, "gbk") == 0)
				a->encoding = TABLE_ENC_GB18030;
			else
				return report_usage_msg("import", "usage.import.encoding", "value",
							optarg, NULL);
			break;
		case OPT_MAP: a->map = optarg; break;
		case 'h':
			/* -1: done, exit 0 */
			return options_print_usage("import", 0, "help.import", NULL) == EXIT_OK ? -1
											       : EXIT_IOERR;
		default: return report_usage_msg("import", "usage.bad-option", NULL);
		}
	}
	if (optind + 1 != argc)
		return report_usage_msg("import", "usage.import.stores", NULL);
	a->stores = argv[optind];
	if (!a->output)
		return report_usage_msg("import", "usage.import.output", NULL);
	if (!a->region_id || !field_store_id_ok(a->region_id))
		return report_usage_msg("import", "usage.import.region-id", NULL);
	if (!a->region_name || !*a->region_name)
		return report_usage_msg("import", "usage.import.region-name", NULL);
	for (const char *p = a->region_name; *p; p++)
		if ((unsigned char)*p < 0x20)
			return report_usage_msg("import", "usage.import.region-name-control", NULL);
	if (!*a->unit || strpbrk(a->unit, " \t\r\n"))
		return report_usage_msg("import", "usage.import.unit", NULL);
	return EXIT_OK;
}

int cmd_import(int argc, char **argv)
{
	import_args a;
	import_map builtin = { 0 }, user = { 0 };
	import_result r = { 0 };
	table stores = { 0 }, orders = { 0 };
	char path[4096];
	diag err;

	int status = parse_args(argc, argv, &a);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	status = import_map_load(&builtin, datapath_file("templates/import-headers.txt", path,
							 sizeof path), &err);
	if (status == EXIT_OK && a.map)
		status = import_map_load(&user, a.map, &err);
	if (status != EXIT_OK) {
		report_diag(&err);
		goto done;
	}
	import_options opt = { .user = a.map ? &user : NULL, .builtin = &builtin,
			       .stores_path = a.stores, .orders_file = a.orders != NULL,
			       .report = report };
	status = read_table(&a, a.stores, &stores);
	if (status == EXIT_OK)
		status = import_stores(&stores, a.stores, &opt, &r);
	if (status == EXIT_OK && a.orders) {
		status = read_table(&a, a.orders, &orders);
		if (status == EXIT_OK)
			status = import_orders(&orders, a.orders, &opt, &r);
	}
	if (status == EXIT_SOFTWARE)
		report_msg("import", "cmd.out-of-memory", NULL);
	if (status != EXIT_OK) {
		if (status == EXIT_DATAERR)
			report_msg("import", "cmd.import.nothing-written", NULL);
		goto done;
	}
	quarter_t latest = import_finish(&r);
	status = write_output(&a, &r);
	if (status == EXIT_OK) {
		char q[12], n[24];
		quarter_format(a.quarter != QUARTER_NONE ? a.quarter : latest, q);
		snprintf(n, sizeof n, "%zu", r.n);
		messages_print(stdout, "cmd.import.done", "file", a.stores, "stores", n, "quarter", q,
			       "output", a.output, NULL);
	}
done:
	table_free(&stores);
	table_free(&orders);
	import_result_free(&r);
	import_map_free(&builtin);
	import_map_free(&user);
	return status;
}
