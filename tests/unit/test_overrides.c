/*
 * test_overrides.c: unit tests of reviewed codes (models/overrides.c): reading the CSV
 * (columns in any order, quoted reasons), the one-line errors with file:line (missing
 * column, unknown or invalid store, bad code, empty reason, repeated id), and applying
 * them to the batch's rows and counts.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "batch_report.h"

#include "messages.h"
#include "overrides.h"

static uint32_t intern(region *r, const char *s)
{
	size_t n = strlen(s) + 1;

	if (r->strings_len + n > r->strings_cap) {
		r->strings_cap = (r->strings_len + n) * 2 + 64;
		r->strings = realloc(r->strings, r->strings_cap);
		assert_non_null(r->strings);
		if (r->strings_len == 0)
			r->strings[r->strings_len++] = '\0';
	}
	uint32_t off = (uint32_t)r->strings_len;
	memcpy(r->strings + off, s, n);
	r->strings_len += n;
	return off;
}

/* A store with figures x for quarter base and xp for the quarter before. */

static void add(region *r, const char *id, const char *code, quarter_t base, double x, double xp)
{
	const char *why;

	if (r->n_stores == r->cap_stores) {
		r->cap_stores = r->cap_stores * 2 + 8;
		r->stores = realloc(r->stores, r->cap_stores * sizeof *r->stores);
		assert_non_null(r->stores);
	}
	region_entry *e = &r->stores[r->n_stores++];
	memset(e, 0, sizeof *e);
	e->id = intern(r, id);
	e->name = intern(r, id);
	assert_int_equal(code_parse(code, &e->code, &why), 0);
	e->base = base;
	assert_int_equal(region_set_orders(r, e, 0, x), 0);
	assert_int_equal(region_set_orders(r, e, 1, xp), 0);
}


/* A region of 10 Y2 stores 100..10 (this quarter and last), one invalid store "bad". */
static void make_region(region *r, batch_result *b)
{
	batch_config cfg = BATCH_CONFIG_DEFAULT;
	quarter_t q;
	char id[16];

	memset(r, 0, sizeof *r);
	r->path = "r.xml";
	assert_int_equal(quarter_parse("2007Q1", &q), 0);
	cfg.classify.min_peers = 5;
	for (int i = 0; i < 10; i++) {
		snprintf(id, sizeof id, "s%d", i + 1);
		add(r, id, "Y221", q, 100 - 10 * i, 100 - 10 * i);
	}
	add(r, "bad", "Y221", q, 5, 5);
	r->stores[10].invalid = 1;   /* as region_add_entry marks it, with its error beside */
	r->errors = malloc(sizeof *r->errors);
	assert_non_null(r->errors);
	r->errors[0] = (region_error){ 10, intern(r, "r.xml:40: store bad: <orders>: broken") };
	r->n_invalid = 1;
	assert_int_equal(batch_classify_jobs(r, q, &cfg, b, 1, 0), 0);
}

/* Loads text as an overrides file; returns the status, the error line in err. */
static int load_text(const char *text, const region *r, const batch_result *b, overrides *o,
		     diag *err)
{
	char path[] = "/tmp/test_overrides_XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	int status = overrides_load(path, r, b, o, err);
	if (status != 0) {     /* the message names the file: keep only what follows it */
		size_t n = strlen(path);
		assert_memory_equal(err->text, path, n);
		memmove(err->text, err->text + n, strlen(err->text + n) + 1);
	}
	unlink(path);
	return status;
}

static void test_overrides_load_and_apply(void **state)
{
	region r;
	batch_result b;
	overrides o;
	diag err;
	batch_row row;
	batch_tally t;
	char code[5];
	(void)state;

	make_region(&r, &b);
	/* columns in another order, a quoted reason with a comma, CRLF */
	assert_int_equal(load_text("reason,store_id,code\r\n\"county, 2007\",s1,Y321\r\n"
				   "prefecture,s10,Y121\r\n", &r, &b, &o, &err), 0);
	assert_int_equal(o.n, 2);
	assert_string_equal(o.items[0].store_id, "s1");
	assert_int_equal(o.items[0].line, 2);
	code_format(&o.items[0].rule_code, code);
	assert_string_equal(code, "Y121");      /* s1 100 is large by the rule */
	assert_int_equal(o.items[1].entry, 9);
	assert_null(overrides_find(&o, "s2"));

	b.overrides = &o;
	batch_row_get(&b, &r, 0, &row);
	code_format(&row.ev.computed_code, code);
	assert_string_equal(code, "Y321");
	assert_int_equal(row.change, BATCH_DOWN);         /* Y221 -> Y321 */
	assert_string_equal(row.override, "county, 2007");
	assert_int_equal(row.ev.computed_class, CLASS_LARGE);   /* the rule's class stays */
	batch_row_get(&b, &r, 9, &row);
	assert_int_equal(row.change, BATCH_UP);
	batch_row_get(&b, &r, 1, &row);
	assert_null(row.override);
	/* the counts follow the reviewed codes: s1 and s2 large by the rule (up), s1 now
	 * down; s10 small by the rule (down), now up */
	assert_int_equal(batch_tally_rows(&b, &r, 0, r.n_stores, &t, NULL, NULL), 0);
	assert_int_equal(batch_merge(&b, &t), 0);
	batch_finish(&b);
	assert_int_equal(b.total.up, 2);
	assert_int_equal(b.total.down, 5);
	assert_int_equal(b.n_downgrades, 5);
	overrides_free(&o);

	/* the line in English (messages_init in main) and the message's key */
	static const struct { const char *text, *want, *key; } bad[] = {
		{ "store_id,code\ns1,Y121\n", ":1: missing column \"reason\" in the header row (store_id,code,reason)", "overrides.column-missing" },
		{ "store_id,code,reason\ns1,Y121,a\nnope,Y121,b\n", ":3: store nope: is not a store of r.xml", "overrides.store-unknown" },
		{ "store_id,code,reason\nbad,Y121,a\n", ":2: store bad: is an invalid store in r.xml (fix its data first)", "overrides.store-invalid" },
		{ "store_id,code,reason\ns1,Y421,a\n", ":2: store s1: code: \"Y421\": position 2 (scale) must be 1, 2 or 3", NULL },
		{ "store_id,code,reason\ns1,Y121, \n", ":2: store s1: reason: empty: a reviewed code needs its reason", "overrides.reason-empty" },
		{ "store_id,code,reason\ns2,Y121,a\ns1,Y121,b\ns2,Y321,c\n", ":4: store s2: listed again (first on line 2)", "overrides.twice" },
		{ "", ":1: empty: expected a header row store_id,code,reason", "overrides.empty" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		diag_parts m;
		assert_int_equal(load_text(bad[i].text, &r, &b, &o, &err), EXIT_DATAERR);
		assert_string_equal(err.text, bad[i].want);
		diag_unpack(err.msg, &m);
		if (bad[i].key)
			assert_string_equal(m.key, bad[i].key);
		assert_null(o.items);
	}
	batch_result_free(&b);
	region_free(&r);
}

int main(void)
{
	setenv("PLANNER_DATADIR", ".", 0);
	messages_init();     /* the lines asserted are the English of messages-en.txt */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overrides_load_and_apply),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
