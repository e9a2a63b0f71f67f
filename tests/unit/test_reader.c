/*
 * test_reader.c: unit tests of the XML reader (models/xml_reader.c, store_fields.c):
 * each malformed field gives exactly the expected error line, written from small XML
 * strings into temporary files; validate's de-duplication of schema errors; warnings
 * held until a file has been read; hostile documents (DOCTYPE, truncation, encodings).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "messages.h"
#include "model.h"
#include "xml_reader.h"

#define SCHEMA "schema/planner.xsd"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

static char path[64];

/* Writes n bytes of text to a fresh temporary file; returns its name (static). */
static const char *write_bytes(const char *text, size_t n)
{
	const char *tmp = getenv("TMPDIR");

	if (path[0])
		unlink(path);
	snprintf(path, sizeof path, "%s/planner-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}

static const char *write_xml(const char *text)
{
	return write_bytes(text, strlen(text));
}

/* The expected line with "FILE" replaced by the temporary file's name. */
static const char *expected(const char *fmt)
{
	static char buf[2048];
	const char *at = strstr(fmt, "FILE");

	assert_non_null(at);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(at - fmt), fmt, path, at + 4);
	return buf;
}

/* ---- reading a store profile: the first problem is the one line ------------------- */

static const char *store_template =
	XML_DECL
	"<store id=\"3209031001\" name=\"文奇店\">\n"   /* line 2 */
	"  <code>%s</code>\n"                           /* line 3 */
	"  <area>%s</area>\n"                           /* line 4 */
	"  <orders>\n"
	"    <q id=\"%s\">%s</q>\n"                     /* line 6 */
	"  </orders>\n"
	"%s"                                            /* line 8: extra */
	"</store>\n";

static char xml_buf[8192];

static const char *store_xml(const char *code, const char *area, const char *qid,
			     const char *orders, const char *extra)
{
	snprintf(xml_buf, sizeof xml_buf, store_template, code, area, qid, orders, extra);
	return xml_buf;
}

/* Reads text as a store profile; asserts the status and, unless NULL, the error line. */
static void store_fails(const char *text, int status, const char *line_fmt)
{
	store *s = (store *)1;
	diag d;

	write_xml(text);
	assert_int_equal(store_read(path, NULL, &s, &d), status);
	assert_null(s);
	if (line_fmt)
		assert_string_equal(d.text, expected(line_fmt));
	assert_null(strchr(d.text, '\n'));
}

static void test_store_ok(void **state)
{
	store *s;
	diag d;

	(void)state;
	write_xml(store_xml("Y221", "30", "2007Q1", "946", ""));
	assert_int_equal(store_read(path, NULL, &s, &d), EXIT_OK);
	assert_string_equal(s->id, "3209031001");
	assert_string_equal(s->name, "文奇店");
	assert_int_equal(s->n_orders, 1);
	assert_true(s->orders[0].orders == 946);
	assert_int_equal(s->orders[0].line, 6);
	assert_true(s->area == 30);
	store_free(s);
}

static void test_orders_values(void **state)
{
	static const struct { const char *value, *line; } cases[] = {
		{ "-5", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"-5\" is not a quantity >= 0" },
		{ "NaN", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"NaN\" is not a quantity >= 0" },
		{ "inf", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"inf\" is not a quantity >= 0" },
		{ "1e400", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"1e400\" is not a quantity >= 0" },
		/* no exponent, as xs:decimal: validate refused it, now every command does */
		{ "1e9", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"1e9\" is not a quantity >= 0" },
		{ "0x3B2", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"0x3B2\" is not a quantity >= 0" },
		{ "", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"\" is not a quantity >= 0" },
		{ "12 cartons", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"12 cartons\" is not a quantity >= 0" },
		{ "2000000000", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"2000000000\" is not a plausible quarterly quantity (max 1000000000)" },
		{ "9&#10;46", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"9 46\" is not a quantity >= 0" },
		/* a long value is cut at a character boundary, never inside a UTF-8 sequence */
		{ "九百四十六九百四十六九百四十六九百四十六", "FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"九百四十六九百四十六九百四十…\" is not a quantity >= 0" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		store_fails(store_xml("Y221", "30", "2007Q1", cases[i].value, ""), EXIT_DATAERR,
			    cases[i].line);
}

static void test_orders_accepted(void **state)
{
	static const char *values[] = { "946", " 946 ", "0", "946.5", "+946", ".5", "0015", "1000000000" };
	store *s;
	diag d;

	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		write_xml(store_xml("Y221", "30", "2007Q1", values[i], ""));
		assert_int_equal(store_read(path, NULL, &s, &d), EXIT_OK);
		store_free(s);
	}
}

static void test_quarter_ids(void **state)
{
	(void)state;
	store_fails(store_xml("Y221", "30", "2007Q5", "946", ""), EXIT_DATAERR,
		    "FILE:6: store 3209031001: <orders>/<q id=\"2007Q5\">: \"2007Q5\" is not a quarter id (YYYYQn, n 1-4)");
	store_fails(store_xml("Y221", "30", "07Q1", "946", ""), EXIT_DATAERR,
		    "FILE:6: store 3209031001: <orders>/<q id=\"07Q1\">: \"07Q1\" is not a quarter id (YYYYQn, n 1-4)");
	store_fails(store_xml("Y221", "30", "", "946", ""), EXIT_DATAERR,
		    "FILE:6: store 3209031001: <orders>/<q>: missing attribute id (YYYYQn)");
	store_fails(XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n  <orders>\n"
		    "    <q id=\"2007Q1\">1</q>\n    <q id=\"2007Q1\">2</q>\n  </orders>\n</store>\n",
		    EXIT_DATAERR, "FILE:6: store 1: <orders>/<q id=\"2007Q1\">: quarter 2007Q1 appears twice (first at line 5)");
}

static void test_codes(void **state)
{
	(void)state;
	store_fails(store_xml("Y2211", "30", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:3: store 3209031001: <code>: \"Y2211\": must be exactly 4 characters (e.g. Y221)");
	store_fails(store_xml("y221", "30", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:3: store 3209031001: <code>: \"y221\": position 1 (business format) must be an upper-case letter");
	store_fails(store_xml("Y421", "30", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:3: store 3209031001: <code>: \"Y421\": position 2 (scale) must be 1, 2 or 3");
	store_fails(store_xml("Y231", "30", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:3: store 3209031001: <code>: \"Y231\": position 3 (market) must be 1 (urban) or 2 (rural)");
	store_fails(store_xml("Y224", "30", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:3: store 3209031001: <code>: \"Y224\": position 4 (integrity) must be 1, 2 or 3");
	store_fails(XML_DECL "<store id=\"1\" name=\"x\">\n  <orders/>\n</store>\n", EXIT_DATAERR,
		    "FILE:2: store 1: <code>: missing (every store needs its category code, e.g. <code>Y221</code>)");
}

static void test_area_and_opened(void **state)
{
	(void)state;
	store_fails(store_xml("Y221", "0", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:4: store 3209031001: <area>: \"0\" is not an area in m² (a number > 0, at most 1000000)");
	store_fails(store_xml("Y221", "-30", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:4: store 3209031001: <area>: \"-30\" is not an area in m² (a number > 0, at most 1000000)");
	store_fails(store_xml("Y221", "thirty", "2007Q1", "946", ""), EXIT_DATAERR,
		    "FILE:4: store 3209031001: <area>: \"thirty\" is not an area in m² (a number > 0, at most 1000000)");
	store_fails(XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n  <opened>2004.5</opened>\n"
		    "  <orders/>\n</store>\n", EXIT_DATAERR,
		    "FILE:4: store 1: <opened>: \"2004.5\" is not a year 1900-2100");
}

static void test_ids_and_names(void **state)
{
	(void)state;
	store_fails(XML_DECL "<store name=\"x\">\n  <code>Y221</code>\n  <orders/>\n</store>\n",
		    EXIT_DATAERR, "FILE:2: <store>: missing attribute id");
	store_fails(XML_DECL "<store id=\"../x\" name=\"x\">\n  <code>Y221</code>\n  <orders/>\n</store>\n",
		    EXIT_DATAERR, "FILE:2: <store id>: \"../x\" is not a store id (1-64 letters, digits, '_', '-', '.'; no leading '.')");
	store_fails(XML_DECL "<store id=\".hidden\" name=\"x\">\n  <code>Y221</code>\n  <orders/>\n</store>\n",
		    EXIT_DATAERR, "FILE:2: <store id>: \".hidden\" is not a store id (1-64 letters, digits, '_', '-', '.'; no leading '.')");
	store_fails(XML_DECL "<store id=\"a/b\" name=\"x\">\n  <code>Y221</code>\n  <orders/>\n</store>\n",
		    EXIT_DATAERR, "FILE:2: <store id>: \"a/b\" is not a store id (1-64 letters, digits, '_', '-', '.'; no leading '.')");
	store_fails(XML_DECL "<store id=\"1\">\n  <code>Y221</code>\n  <orders/>\n</store>\n",
		    EXIT_DATAERR, "FILE:2: store 1: <store>: missing attribute name");
	char name[400];
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	char text[1024];
	snprintf(text, sizeof text, XML_DECL "<store id=\"1\" name=\"%s\">\n  <code>Y221</code>\n"
		 "  <orders/>\n</store>\n", name);
	store_fails(text, EXIT_DATAERR, "FILE:2: store 1: <store name>: name is longer than 256 bytes");
}

static void test_assessment(void **state)
{
	(void)state;
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <assessment>\n    <factor name=\"display\" value=\"7\"/>\n  </assessment>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <assessment>/<factor name=\"display\">: \"7\" is not a whole-number score from 1 to 5");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <assessment>\n    <factor name=\"service\" value=\"2.5\"/>\n  </assessment>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <assessment>/<factor name=\"service\">: \"2.5\" is not a whole-number score from 1 to 5");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <assessment>\n    <factor name=\"tobacco-share\" value=\"160\"/>\n  </assessment>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <assessment>/<factor name=\"tobacco-share\">: \"160\" is not a number from 0 to 100");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <assessment>\n    <factor name=\"sole-supplier\" value=\"maybe\"/>\n  </assessment>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <assessment>/<factor name=\"sole-supplier\">: \"maybe\" is not yes or no");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <assessment>\n    <factor name=\"display\" value=\"2\"/>\n"
			      "    <factor name=\"display\" value=\"3\"/>\n  </assessment>\n"),
		    EXIT_DATAERR, "FILE:10: store 3209031001: <assessment>/<factor name=\"display\">: factor given twice (first at line 9)");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <assessment>\n    <factor name=\"price-low\" value=\"800\"/>\n"
			      "    <factor name=\"price-high\" value=\"15\"/>\n  </assessment>\n"),
		    EXIT_DATAERR, "FILE:10: store 3209031001: <assessment>/<factor name=\"price-high\">: 15 is below price-low 800");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <assessment>\n    <honour> </honour>\n  </assessment>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <assessment>/<honour>: empty");
}

static void test_neighbours(void **state)
{
	(void)state;
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <neighbours>\n    <neighbour id=\"2\" code=\"S121\" distance=\"-50\"/>\n  </neighbours>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <neighbours>/<neighbour id=\"2\">: distance \"-50\" is not metres >= 0");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <neighbours>\n    <neighbour id=\"2\" code=\"S521\"/>\n  </neighbours>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <neighbours>/<neighbour id=\"2\">: code \"S521\": position 2 (scale) must be 1, 2 or 3");
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <neighbours>\n    <neighbour code=\"S121\"/>\n  </neighbours>\n"),
		    EXIT_DATAERR, "FILE:9: store 3209031001: <neighbours>/<neighbour>: missing or too long attribute id");
}

static void test_structure(void **state)
{
	(void)state;
	store_fails(store_xml("Y221", "30", "2007Q1", "946",
			      "  <store id=\"2\" name=\"y\"><code>Y221</code><orders/></store>\n"),
		    EXIT_DATAERR, "FILE:8: store 3209031001: <store>/<store>: a <store> cannot contain another <store>");
	store_fails(XML_DECL "<region id=\"1\"/>\n", EXIT_DATAERR,
		    "FILE:2: root element <region> is not <store> (expected a store profile)");
	store_fails(XML_DECL "<shop/>\n", EXIT_DATAERR,
		    "FILE:2: root element <shop> is not <store> (expected a store profile)");
	/* a leaf too long for planner names the field */
	static char text[8192];
	char owner[5000];
	memset(owner, 'o', sizeof owner - 1);
	owner[sizeof owner - 1] = '\0';
	snprintf(text, sizeof text, XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n"
		 "  <owner>%s</owner>\n  <orders/>\n</store>\n", owner);
	store_fails(text, EXIT_DATAERR, "FILE:4: store 1: <owner>: text longer than 4096 bytes");
}

/* ---- whole-document problems --------------------------------------------------------- */

static void test_documents(void **state)
{
	(void)state;
	store_fails("", EXIT_DATAERR, "FILE:1: the file is empty (expected an XML document)");
	store_fails("\n  \n", EXIT_DATAERR,
		    "FILE:3: no root element: the file holds only white space, comments or the XML declaration");
	store_fails("PK\003\004 not xml", EXIT_DATAERR,
		    "FILE:1: not an XML document: no '<' where it should start (a binary, compressed or plain-text file?)");
	store_fails(XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n  <orders>\n    <q id=\"2007",
		    EXIT_DATAERR, "FILE:5: the file ends inside <orders> (truncated?)");
	store_fails(XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n</stor>\n",
		    EXIT_DATAERR, "FILE:4: not well-formed XML: <store> (line 2) is closed by </stor>");
	store_fails(XML_DECL "<store id=\"1\" name=\"Tom & Jerry\"/>\n", EXIT_DATAERR,
		    "FILE:2: not well-formed XML: a '&' that starts no entity: write &amp; for '&'");
	store_fails(XML_DECL "<store id=\"1\" name=\"x\">\n  <owner>price < 5</owner>\n</store>\n",
		    EXIT_DATAERR, "FILE:3: not well-formed XML: a '<' that starts no tag: write &lt; for '<'");
	store_fails(XML_DECL "<store id=1 name=\"x\"/>\n", EXIT_DATAERR,
		    "FILE:2: not well-formed XML: an attribute value without quotes (write id=\"...\")");
	store_fails(XML_DECL "<store id=\"1\" id=\"2\" name=\"x\"/>\n", EXIT_DATAERR,
		    "FILE:2: not well-formed XML: attribute id given twice");
	store_fails(XML_DECL "<store id=\"1\" name=\"a\"b\"/>\n", EXIT_DATAERR,
		    "FILE:2: not well-formed XML: a malformed attribute (a quote inside a value? write &quot; for '\"')");
	store_fails(XML_DECL "<store id=\"1\" name=\"x\"><code>Y221</code><orders/></store>\n<store/>\n",
		    EXIT_DATAERR, "FILE:3: not well-formed XML: more content after the end of the root element (one root element per file)");
	store_fails(XML_DECL "<store id=\"1\" name=\"&#1;\"/>\n", EXIT_DATAERR,
		    "FILE:2: the character reference &#1; is not a character XML allows");
	store_fails(XML_DECL "<store id=\"1\" name=\"&nbsp;\"/>\n", EXIT_DATAERR,
		    "FILE:2: entity references are not allowed in planner files (only &amp; &lt; &gt; &quot; &apos; and &#...;)");
	store_fails("<?xml version=\"1.0\" encoding=\"x-unknown\"?>\n<store/>\n", EXIT_DATAERR,
		    "FILE:1: the XML declaration names an encoding this system cannot read (x-unknown); use UTF-8");
	store_fails(XML_DECL "<store id=\"1\" name=\"\xff\xfe\"/>\n", EXIT_DATAERR,
		    "FILE:2: the text is not valid UTF-8: convert the file to UTF-8, or name its encoding in <?xml version=\"1.0\" encoding=\"...\"?>");
}

static void test_doctype_refused(void **state)
{
	static const char refused[] =
		"<!DOCTYPE> is not allowed in planner files (no DTDs, no entity declarations); remove it";
	char line[256];

	(void)state;
	snprintf(line, sizeof line, "FILE:2: %s", refused);
	store_fails(XML_DECL "<!DOCTYPE store [<!ENTITY a \"aaaa\">]>\n<store id=\"1\" name=\"&a;\"/>\n",
		    EXIT_DATAERR, line);
	store_fails(XML_DECL "<!DOCTYPE store SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<store/>\n",
		    EXIT_DATAERR, line);
	snprintf(line, sizeof line, "FILE:5: %s", refused);
	store_fails(XML_DECL "<!-- a\ncomment -->\n<?pi x?>\n<!DOCTYPE store>\n<store/>\n",
		    EXIT_DATAERR, line);

	/* the same in UTF-16 (little-endian, with a byte order mark) */
	const char *ascii = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE store>\n<store/>\n";
	size_t n = strlen(ascii);
	char *utf16 = malloc(2 * n + 2);
	utf16[0] = (char)0xFF;
	utf16[1] = (char)0xFE;
	for (size_t i = 0; i < n; i++) {
		utf16[2 + 2 * i] = ascii[i];
		utf16[3 + 2 * i] = 0;
	}
	write_bytes(utf16, 2 * n + 2);
	free(utf16);
	store *s;
	diag d;
	assert_int_equal(store_read(path, NULL, &s, &d), EXIT_DATAERR);
	snprintf(line, sizeof line, "FILE:2: %s", refused);
	assert_string_equal(d.text, expected(line));
}

static void test_missing_input(void **state)
{
	store *s;
	diag d;

	(void)state;
	assert_int_equal(store_read("/nonexistent/store.xml", NULL, &s, &d), EXIT_NOINPUT);
	assert_string_equal(d.text, "/nonexistent/store.xml: cannot open: No such file or directory");
	assert_int_equal(store_read("/tmp", NULL, &s, &d), EXIT_NOINPUT);
	assert_string_equal(d.text, "/tmp: cannot open: is a directory");
}

/* ---- regions ------------------------------------------------------------------------- */

static const char *region_xml =
	XML_DECL
	"<region id=\"320900\" quarter=\"2007Q1\">\n"              /* 2 */
	"  <store id=\"1\" name=\"a\">\n"                          /* 3 */
	"    <code>Y221</code>\n"
	"    <orders><q id=\"2007Q1\">100</q></orders>\n"
	"  </store>\n"
	"  <store id=\"2\" name=\"b\">\n"                          /* 7 */
	"    <code>Y221</code>\n"
	"    <orders><q id=\"2007Q1\">-100</q></orders>\n"         /* 9 */
	"  </store>\n"
	"  <store id=\"1\" name=\"c\">\n"                          /* 11 */
	"    <code>Y121</code>\n"
	"    <orders><q id=\"2007Q1\">300</q></orders>\n"
	"  </store>\n"
	"</region>\n";

static void test_region_first_problem_is_fatal(void **state)
{
	region r;
	diag d;

	(void)state;
	write_xml(region_xml);
	assert_int_equal(region_read(path, NULL, &r, &d), EXIT_DATAERR);
	assert_string_equal(d.text, expected("FILE:9: store 2: <orders>/<q id=\"2007Q1\">: \"-100\" is not a quantity >= 0"));
	assert_null(r.stores);    /* nothing half-read is handed back */
}

typedef struct collected {
	int n;
	char lines[8][1024];
	int valid[8];
	int stores;
} collected;

static int collect(void *ctx, const diag *d)
{
	collected *c = ctx;
	if (c->n < 8)
		snprintf(c->lines[c->n], sizeof c->lines[0], "%s", d->text);
	c->n++;
	return 0;
}

static void collect_store(void *ctx, const store *s, int valid)
{
	collected *c = ctx;
	(void)s;
	if (c->stores < 8)
		c->valid[c->stores] = valid;
	c->stores++;
}

static void test_region_every_problem(void **state)
{
	collected c = { 0 };
	read_options ro = { .on_problem = collect, .on_store = collect_store, .ctx = &c };
	region r;
	diag d;

	(void)state;
	write_xml(region_xml);
	assert_int_equal(region_read(path, &ro, &r, &d), EXIT_OK);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.lines[0], expected("FILE:9: store 2: <orders>/<q id=\"2007Q1\">: \"-100\" is not a quantity >= 0"));
	assert_string_equal(c.lines[1], expected("FILE:11: store 1: <store id>: duplicate store id (also used earlier in this file)"));
	assert_int_equal(c.stores, 3);
	assert_int_equal(c.valid[0], 1);
	assert_int_equal(c.valid[1], 0);
	assert_int_equal(c.valid[2], 0);
	assert_int_equal(r.n_stores, 3);
	assert_int_equal(r.n_invalid, 2);
	assert_int_equal(region_entry_error(&r, &r.stores[0]), 0);
	assert_false(r.stores[0].invalid);
	assert_true(r.stores[1].invalid && r.stores[2].invalid);
	/* the store's first problem is kept packed: its key and arguments, worded again
	 * (in English here, as on stderr) wherever it is printed */
	char line[1024];
	diag_parts m;
	diag_unpack(region_str(&r, region_entry_error(&r, &r.stores[1])), &m);
	assert_string_equal(m.key, "store.quantity");
	assert_string_equal(m.store, "2");
	assert_string_equal(m.field, "<orders>/<q id=\"2007Q1\">");
	assert_int_equal(m.line, 9);
	assert_int_equal(m.n_args, 1);
	assert_string_equal(m.name[0], "value");
	assert_string_equal(m.value[0], "-100");
	diag_render(region_str(&r, region_entry_error(&r, &r.stores[1])), line, sizeof line);
	assert_string_equal(line, c.lines[0]);
	region_free(&r);
}

/* ---- validate: schema errors and our own checks, one line per problem --------------- */

static int check_lines(const char *text, collected *c)
{
	read_options ro = { .strict = 1, .schema_path = SCHEMA, .on_problem = collect, .ctx = c };
	diag fatal;

	write_xml(text);
	memset(c, 0, sizeof *c);
	int status = xml_check(path, &ro, &fatal);
	if (fatal.text[0])
		collect(c, &fatal);
	return status;
}

static void test_validate_dedup(void **state)
{
	collected c;

	(void)state;
	/* schema and our check name the same <q>: one line, ours */
	assert_int_equal(check_lines(store_xml("Y221", "30", "2007Q1", "-5", ""), &c), EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"-5\" is not a quantity >= 0"));

	/* the value on its own lines: the schema reports the end tag's line */
	assert_int_equal(check_lines(XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n"
				     "  <orders>\n    <q id=\"2007Q1\">\n      -5\n    </q>\n  </orders>\n</store>\n", &c),
			 EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:5: store 1: <orders>/<q id=\"2007Q1\">: \"-5\" is not a quantity >= 0"));

	/* a missing <code>: the schema complains at <area>, we at <store> */
	assert_int_equal(check_lines(XML_DECL "<store id=\"1\" name=\"x\">\n  <area>3</area>\n"
				     "  <orders/>\n</store>\n", &c), EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:2: store 1: <code>: missing (every store needs its category code, e.g. <code>Y221</code>)"));

	/* region attributes */
	assert_int_equal(check_lines(XML_DECL "<region quarter=\"2007-1\">\n</region>\n", &c), EXIT_DATAERR);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.lines[0], expected("FILE:2: <region>: missing attribute id"));
	assert_string_equal(c.lines[1], expected("FILE:2: <region quarter>: \"2007-1\" is not a quarter id (YYYYQn, n 1-4)"));

	/* two different problems stay two lines */
	assert_int_equal(check_lines(store_xml("Y221", "-30", "2007Q1", "-5", ""), &c), EXIT_DATAERR);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.lines[0], expected("FILE:4: store 3209031001: <area>: \"-30\" is not an area in m² (a number > 0, at most 1000000)"));
	assert_string_equal(c.lines[1], expected("FILE:6: store 3209031001: <orders>/<q id=\"2007Q1\">: \"-5\" is not a quantity >= 0"));
}

static void test_validate_schema_only(void **state)
{
	collected c;

	(void)state;
	/* problems only the schema knows keep their line, reworded, with the store */
	assert_int_equal(check_lines(XML_DECL "<store id=\"1\" name=\"x\" colour=\"red\">\n"
				     "  <code>Y221</code>\n  <orders/>\n</store>\n", &c), EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:2: store 1: <store colour>: attribute 'colour' is not allowed (schema)"));

	assert_int_equal(check_lines(XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n</store>\n", &c),
			 EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:4: store 1: <store>: missing child element; expected one of: owner, address, area, opened, orders (schema)"));

	assert_int_equal(check_lines(XML_DECL "<store id=\"1\" name=\"x\">\n  <orders/>\n  <code>Y221</code>\n</store>\n", &c),
			 EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:3: store 1: <orders>: element not expected here; expected: code (schema)"));

	/* a schema message cut short by a 500-byte attribute name (found by fuzz_reader:
	 * the closing quote was missing and the parser of the message read past it) */
	static char text[1024];
	char name[501];
	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	snprintf(text, sizeof text, XML_DECL "<store id=\"1\" name=\"x\" %s=\"v\">\n"
		 "  <code>Y221</code>\n  <orders/>\n</store>\n", name);
	assert_int_equal(check_lines(text, &c), EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:2: store 1: <store ...>: an attribute whose name is too long to show (schema)"));

	/* a clean file */
	assert_int_equal(check_lines(store_xml("Y221", "30", "2007Q1", "946", ""), &c), EXIT_OK);
	assert_int_equal(c.n, 0);
}

static void test_validate_fatal_alone(void **state)
{
	collected c;

	(void)state;
	/* an unknown element whose subtree is not well-formed: the fatal line only */
	static char text[4 * 100000 + 256];
	size_t n = (size_t)snprintf(text, sizeof text, XML_DECL "<store id=\"1\" name=\"x\">\n  <code>Y221</code>\n  ");
	for (int i = 0; i < 100000; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "<a>");
	assert_int_equal(check_lines(text, &c), EXIT_DATAERR);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:4: elements nested too deeply (more than 256 levels)"));
}

/* ---- warnings ----------------------------------------------------------------------- */

static void collect_warning(void *ctx, const diag *d)
{
	collect(ctx, d);
}

static void test_warnings_held(void **state)
{
	collected c = { 0 };
	read_options ro = { .on_warning = collect_warning, .ctx = &c };
	store *s;
	diag d;

	(void)state;
	/* a bad file: its error only, no warning first */
	write_xml(store_xml("Y221", "30", "2007Q1", "-5", "  <colour>red</colour>\n"));
	assert_int_equal(store_read(path, &ro, &s, &d), EXIT_DATAERR);
	assert_int_equal(c.n, 0);

	/* a good file: the warning, once per element name */
	write_xml(store_xml("Y221", "30", "2007Q1", "5", "  <colour>red</colour>\n  <colour>blue</colour>\n"));
	assert_int_equal(store_read(path, &ro, &s, &d), EXIT_OK);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], expected("FILE:8: store 3209031001: <store>/<colour>: unknown element ignored (later ones with this name are not reported)"));
	store_free(s);

	/* a prefixed element is not ours, even with our local name */
	memset(&c, 0, sizeof c);
	write_xml(store_xml("Y221", "30", "2007Q1", "5", "  <x:area xmlns:x=\"urn:x\">-1</x:area>\n"));
	assert_int_equal(store_read(path, &ro, &s, &d), EXIT_OK);
	assert_int_equal(c.n, 1);
	assert_true(s->area == 30);
	store_free(s);
}

static void test_many_attributes(void **state)
{
	(void)state;
	size_t cap = 40000 * 12 + 256, n;
	char *text = malloc(cap);
	n = (size_t)snprintf(text, cap, XML_DECL "<store id=\"1\" name=\"x\"");
	for (int i = 0; i < 40000; i++)
		n += (size_t)snprintf(text + n, cap - n, " a%d=\"\"", i);
	snprintf(text + n, cap - n, "><code>Y221</code><orders/></store>\n");
	store_fails(text, EXIT_DATAERR,
		    "FILE:2: an element with more than 2000 attributes (planner elements have at most 4)");
	free(text);
}

int main(void)
{
	setenv("PLANNER_DATADIR", ".", 0);
	messages_init();     /* the lines asserted are the English of messages-en.txt */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_ok),
		cmocka_unit_test(test_orders_values),
		cmocka_unit_test(test_orders_accepted),
		cmocka_unit_test(test_quarter_ids),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_area_and_opened),
		cmocka_unit_test(test_ids_and_names),
		cmocka_unit_test(test_assessment),
		cmocka_unit_test(test_neighbours),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_documents),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_missing_input),
		cmocka_unit_test(test_region_first_problem_is_fatal),
		cmocka_unit_test(test_region_every_problem),
		cmocka_unit_test(test_validate_dedup),
		cmocka_unit_test(test_validate_schema_only),
		cmocka_unit_test(test_validate_fatal_alone),
		cmocka_unit_test(test_warnings_held),
		cmocka_unit_test(test_many_attributes),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	if (path[0])
		unlink(path);
	return failed;
}
