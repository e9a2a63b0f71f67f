/*
 * test_swot.c: the SWOT rule engine (models/swot.c) on plain data: facts and their
 * evidence, every comparison, missing data, the near-distance setting, region growth
 * facts and the peer-group area median; the facts table (every row reachable by its
 * name, names that are no fact refused) and the shipped rules naming only known facts.
 * No XML, no drawing.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "swot.h"

/* The Wen Qi store of DOMAIN.md, as plain structs. */
static factor wenqi_factors[] = {
	{ "display", "2", 2, 1, 0 },
	{ "service", "2", 2, 1, 0 },
	{ "stock-health", "4", 4, 1, 0 },
	{ "price-low", "15", 15, 1, 0 },
	{ "price-high", "800", 800, 1, 0 },
	{ "order-success", "97", 97, 1, 0 },
	{ "tobacco-share", "62", 62, 1, 0 },
	{ "sole-supplier", "yes", 1, 2, 0 },
	{ "note", "friendly", 0, 0, 0 },
};
static order_figure wenqi_orders[] = {
	{ 2007 * 4 + 0, 946, 0 },   /* out of order on purpose */
	{ 2006 * 4 + 1, 861, 0 },
	{ 2006 * 4 + 2, 902, 0 },
	{ 2006 * 4 + 3, 915, 0 },
};
static neighbour wenqi_neighbours[] = {
	{ "3209031002", { 'S', '1', '2', '1' }, 50, 0 },
	{ "3209031003", { 'S', '2', '2', '1' }, 50, 0 },
	{ "3209031004", { 'S', '2', '2', '1' }, 55, 0 },
	{ "3209031005", { 'Y', '1', '2', '1' }, 400, 0 },   /* too far to count */
	{ "3209031006", { 'Y', '1', '2', '1' }, -1, 0 },    /* distance unknown */
};
static const char *wenqi_honours[] = { "model cigarette retail household", "two-star household" };
static growth_fact wenqi_growth[] = {
	{ "economy", "Dagang town GDP growth 2006", 14.5, NULL },
	{ "industrialisation", "industry share of Dagang town GDP 2006", 71.6, NULL },
};

static store wenqi(void)
{
	store s = { 0 };
	s.id = "3209031001";
	s.name = "文奇店";
	s.code = (category_code){ 'Y', '2', '2', '1' };
	s.area = 30;
	s.surroundings = "industrial-park hotel  guest-house\tresidential";
	s.orders = wenqi_orders;
	s.n_orders = 4;
	s.neighbours = wenqi_neighbours;
	s.n_neighbours = 5;
	s.factors = wenqi_factors;
	s.n_factors = sizeof wenqi_factors / sizeof wenqi_factors[0];
	s.honours = wenqi_honours;
	s.n_honours = 2;
	return s;
}

static evaluation wenqi_ev(void)
{
	evaluation ev = { 0 };
	ev.quarter = 2007 * 4 + 0;
	ev.orders = 946;
	ev.percentile = 61.44;
	ev.status = STATUS_OK;
	return ev;
}

static const char *arg(const swot_finding *f, const char *name)
{
	for (size_t i = 0; i < f->n_args; i++)
		if (strcmp(f->args[i].name, name) == 0)
			return f->args[i].text;
	return NULL;
}

static const swot_finding *finding(const swot_result *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->findings[i].rule->finding_key, key) == 0)
			return &r->findings[i];
	return NULL;
}

static const swot_rule rules[] = {
	{ "stock-health", SWOT_GE, 4, SWOT_STRENGTH, "stock", NULL, 0, 1, 1 },
	{ "display", SWOT_LE, 2, SWOT_WEAKNESS, "display", "m.display", SWOT_OWNER_STORE, 1, 2 },
	{ "display", SWOT_GE, 4, SWOT_STRENGTH, "display.good", NULL, 0, 1, 3 },
	{ "price-range", SWOT_GE, 300, SWOT_STRENGTH, "price", NULL, 0, 1, 4 },
	{ "sole-supplier", SWOT_EQ, 1, SWOT_STRENGTH, "loyal", NULL, 0, 1, 5 },
	{ "honours", SWOT_GE, 1, SWOT_STRENGTH, "honours", NULL, 0, 1, 6 },
	{ "order-growth", SWOT_GE, 5, SWOT_STRENGTH, "growth", NULL, 0, 1, 7 },
	{ "large-neighbours", SWOT_GE, 1, SWOT_THREAT, "large", "m.large", SWOT_OWNER_MANAGER, 1, 8 },
	{ "weaker-neighbours", SWOT_GE, 1, SWOT_OPPORTUNITY, "weaker", NULL, 0, 1, 9 },
	{ "surroundings", SWOT_GE, 1, SWOT_OPPORTUNITY, "places", NULL, 0, 1, 10 },
	{ "growth:economy", SWOT_GE, 8, SWOT_OPPORTUNITY, "economy", NULL, 0, 1, 11 },
	{ "growth:population", SWOT_GE, 1, SWOT_OPPORTUNITY, "population", NULL, 0, 1, 12 },
	{ "area-vs-median", SWOT_LE, 60, SWOT_WEAKNESS, "small", "m.area", SWOT_OWNER_STORE, 3, 13 },
	{ "percentile", SWOT_GE, 75, SWOT_STRENGTH, "top", NULL, 0, 1, 14 },
	{ "note", SWOT_GE, 0, SWOT_STRENGTH, "text-factor", NULL, 0, 1, 15 },
};
static const swot_config config = { rules, sizeof rules / sizeof rules[0], 100 };

static void test_seed_store(void **state)
{
	(void)state;
	store s = wenqi();
	evaluation ev = wenqi_ev();
	peer_stats ps = { .n = 271, .enough_peers = 1, .median = 752 };
	swot_input in = { &s, &ev, &ps, wenqi_growth, 2, 60, NULL };
	swot_result r;

	assert_int_equal(swot_derive(&config, &in, &r), 0);
	assert_int_equal(r.count[SWOT_STRENGTH], 5);   /* stock, price, loyal, honours, growth */
	assert_int_equal(r.count[SWOT_WEAKNESS], 2);   /* display, area */
	assert_int_equal(r.count[SWOT_OPPORTUNITY], 3);
	assert_int_equal(r.count[SWOT_THREAT], 1);

	const swot_finding *f = finding(&r, "display");
	assert_non_null(f);
	assert_string_equal(arg(f, "value"), "2");
	assert_string_equal(arg(f, "max"), "5");
	assert_string_equal(arg(f, "threshold"), "2");
	assert_null(finding(&r, "display.good"));

	f = finding(&r, "price");
	assert_string_equal(arg(f, "low"), "15");
	assert_string_equal(arg(f, "high"), "800");
	assert_string_equal(arg(f, "value"), "785");

	f = finding(&r, "loyal");
	assert_string_equal(arg(f, "value"), "yes");

	f = finding(&r, "honours");
	assert_string_equal(arg(f, "value"), "2");
	assert_string_equal(arg(f, "list"), "model cigarette retail household\ntwo-star household");

	f = finding(&r, "growth");   /* history sorted by quarter: 861 (2006Q2) -> 946 (2007Q1) */
	assert_string_equal(arg(f, "value"), "+9.9");
	assert_string_equal(arg(f, "from"), "2006Q2");
	assert_string_equal(arg(f, "to"), "2007Q1");
	assert_string_equal(arg(f, "first"), "861");
	assert_string_equal(arg(f, "quarters"), "4");

	f = finding(&r, "large");   /* "3 licensed outlets within 55 m, 1 of them large" */
	assert_string_equal(arg(f, "value"), "1");
	assert_string_equal(arg(f, "total"), "3");
	assert_string_equal(arg(f, "radius"), "55");
	assert_string_equal(arg(f, "nearest"), "50");
	assert_string_equal(arg(f, "codes"), "S121 50 m");

	f = finding(&r, "weaker");
	assert_string_equal(arg(f, "value"), "2");
	assert_string_equal(arg(f, "codes"), "S221 50 m\nS221 55 m");

	f = finding(&r, "places");
	assert_string_equal(arg(f, "value"), "4");
	assert_string_equal(arg(f, "places"), "industrial-park\nhotel\nguest-house\nresidential");

	f = finding(&r, "economy");
	assert_string_equal(arg(f, "value"), "14.5");
	assert_string_equal(arg(f, "text"), "Dagang town GDP growth 2006");
	assert_null(finding(&r, "population"));   /* the region has no such fact */

	f = finding(&r, "small");   /* 30 m² is 50 % of a 60 m² median */
	assert_string_equal(arg(f, "value"), "50");
	assert_string_equal(arg(f, "median"), "60");
	assert_null(finding(&r, "top"));          /* percentile 61.4 < 75 */
	assert_null(finding(&r, "text-factor"));  /* a text factor is no number to compare */

	/* findings come in rule order */
	for (size_t i = 1; i < r.n; i++)
		assert_true(r.findings[i - 1].rule->line < r.findings[i].rule->line);
	swot_result_free(&r);
}

/* 1 when s is valid UTF-8 (no character cut in half). */
static int valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 :
			(*p & 0xF8) == 0xF0 ? 4 : 0;
		if (n == 0)
			return 0;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

static int ends_in_ellipsis(const char *s)
{
	size_t n = strlen(s);
	return n >= 3 && strcmp(s + n - 3, "\xE2\x80\xA6") == 0;
}

/* Long Chinese evidence is cut on a character boundary and ends in "…": a growth text
 * over 255 bytes, a surroundings phrase of 22+ characters after an ASCII letter, an
 * honours list that overflows. */
static void test_long_text(void **state)
{
	(void)state;
	store s = wenqi();
	evaluation ev = wenqi_ev();
	char growth[400] = "x", places[400] = "a", honour[200] = "";
	for (int i = 0; i < 20; i++)       /* 361 bytes */
		strcat(growth, "经济增长很快");
	for (int i = 0; i < 20; i++)       /* one phrase of 120 characters */
		strcat(places, "工业园区宾馆");
	for (int i = 0; i < 12; i++)       /* 144 bytes: two do not fit */
		strcat(honour, "文明诚信");
	const char *honours[] = { honour, honour, honour, honour };
	growth_fact g[] = { { "economy", growth, 14.5, NULL } };
	s.surroundings = places;
	s.honours = honours;
	s.n_honours = 4;
	swot_input in = { &s, &ev, NULL, g, 1, NAN, NULL };
	swot_result r;

	assert_int_equal(swot_derive(&config, &in, &r), 0);
	const char *t = arg(finding(&r, "economy"), "text");
	assert_true(valid_utf8(t) && ends_in_ellipsis(t));
	assert_true(strlen(t) < SWOT_ARG_SIZE && strncmp(t, growth, strlen(t) - 3) == 0);
	t = arg(finding(&r, "places"), "places");
	assert_true(valid_utf8(t) && ends_in_ellipsis(t));
	assert_true(strncmp(t, places, strlen(t) - 3) == 0);
	t = arg(finding(&r, "honours"), "list");
	assert_true(valid_utf8(t) && ends_in_ellipsis(t));
	assert_true(strncmp(t, honour, strlen(honour)) == 0);   /* the first one whole */
	swot_result_free(&r);
}

/* A town's growth fact is only for stores in that town; one without a place is the
 * region's and carries the region's name as its {place}. */
static void test_growth_place(void **state)
{
	(void)state;
	store s = wenqi();
	evaluation ev = wenqi_ev();
	growth_fact g[] = { { "economy", "town GDP", 14.5, "大冈镇" },
			    { "population", "region population", 3.0, NULL } };
	swot_input in = { &s, &ev, NULL, g, 2, NAN, "盐城" };
	swot_result r;

	s.address = "盐城市盐都区大冈镇卧龙西路";
	assert_int_equal(swot_derive(&config, &in, &r), 0);
	assert_string_equal(arg(finding(&r, "economy"), "place"), "大冈镇");
	assert_string_equal(arg(finding(&r, "population"), "place"), "盐城");
	swot_result_free(&r);

	s.address = "盐城市盐都区南洋镇";
	assert_int_equal(swot_derive(&config, &in, &r), 0);
	assert_null(finding(&r, "economy"));
	assert_non_null(finding(&r, "population"));
	swot_result_free(&r);

	s.address = NULL;
	assert_int_equal(swot_derive(&config, &in, &r), 0);
	assert_null(finding(&r, "economy"));
	swot_result_free(&r);
}

static void test_missing_data(void **state)
{
	(void)state;
	store s = { 0 };
	s.id = "1";
	s.code = (category_code){ 'Y', '2', '2', '1' };
	s.orders = wenqi_orders;
	s.n_orders = 1;
	evaluation ev = wenqi_ev();
	swot_input in = { &s, &ev, NULL, NULL, 0, NAN, NULL };
	swot_result r;

	assert_int_equal(swot_derive(&config, &in, &r), 0);
	assert_int_equal(r.n, 0);   /* no assessment, neighbours, surroundings, history, growth */
	swot_result_free(&r);
}

static void test_near_distance(void **state)
{
	(void)state;
	store s = wenqi();
	evaluation ev = wenqi_ev();
	swot_input in = { &s, &ev, NULL, NULL, 0, NAN, NULL };
	swot_config near40 = config;
	swot_arg args[SWOT_MAX_ARGS];
	size_t n;
	double v;

	near40.near_distance = 40;
	assert_true(swot_fact(&near40, &in, "large-neighbours", &v, args, &n));
	assert_true(v == 0);
	near40.near_distance = 500;   /* now the large Y121 at 400 m counts too */
	assert_true(swot_fact(&near40, &in, "large-neighbours", &v, args, &n));
	assert_true(v == 2);
	assert_true(swot_fact(&near40, &in, "neighbours-near", &v, args, &n));
	assert_true(v == 4);          /* the one without a distance never counts */
	s.n_neighbours = 0;
	assert_false(swot_fact(&near40, &in, "neighbours-near", &v, args, &n));
}

static void test_compare(void **state)
{
	(void)state;
	assert_true(swot_compare(SWOT_LT, 1, 2));
	assert_false(swot_compare(SWOT_LT, 2, 2));
	assert_true(swot_compare(SWOT_LE, 2, 2));
	assert_false(swot_compare(SWOT_LE, 3, 2));
	assert_true(swot_compare(SWOT_GT, 3, 2));
	assert_false(swot_compare(SWOT_GT, 2, 2));
	assert_true(swot_compare(SWOT_GE, 2, 2));
	assert_false(swot_compare(SWOT_GE, 1, 2));
	assert_true(swot_compare(SWOT_EQ, 1, 1));
	assert_false(swot_compare(SWOT_EQ, 0, 1));
	assert_true(swot_compare(SWOT_NE, 0, 1));
	assert_false(swot_compare(SWOT_NE, 1, 1));
}

static int has(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* The placeholders of the fact a rule names. */
static const char *const *placeholders(const char *fact)
{
	swot_fact_ref ref;
	assert_int_equal(swot_fact_resolve(fact, &ref), 0);
	return swot_fact_placeholders(ref.id);
}

static void test_placeholders(void **state)
{
	(void)state;
	assert_true(has(placeholders("display"), "max"));
	assert_true(has(placeholders("my-own-factor"), "value"));
	assert_true(has(placeholders("large-neighbours"), "codes"));
	assert_false(has(placeholders("large-neighbours"), "max"));
	assert_true(has(placeholders("growth:economy"), "text"));
	assert_true(has(placeholders("price-range"), "threshold"));
}

/* Every row of the facts table: a name that resolves back to it, a function (it runs on
 * the seed store), and {value} and {threshold} first among its placeholders. */
static void test_facts_table(void **state)
{
	(void)state;
	store s = wenqi();
	evaluation ev = wenqi_ev();
	peer_stats ps = { .n = 271, .enough_peers = 1, .median = 752 };
	swot_input in = { &s, &ev, &ps, wenqi_growth, 2, 60, NULL };
	swot_arg args[SWOT_MAX_ARGS];
	swot_fact_ref ref;
	size_t n;
	double v;

	for (int id = 0; id < SWOT_FACTS; id++) {
		const char *const *ph = swot_fact_placeholders((swot_fact_id)id);
		char name[64];
		assert_non_null(swot_fact_name((swot_fact_id)id));
		assert_string_equal(ph[0], "value");
		assert_string_equal(ph[1], "threshold");
		snprintf(name, sizeof name, "%s%s", swot_fact_name((swot_fact_id)id),
			 id == SWOT_FACT_FACTOR ? "display" : id == SWOT_FACT_GROWTH ? "economy" : "");
		assert_int_equal(swot_fact_resolve(name, &ref), 0);
		assert_int_equal(ref.id, id);
		assert_false(ref.own_factor);
		/* the seed store has every fact; its evidence uses only the fact's placeholders */
		if (!swot_fact(&config, &in, name, &v, args, &n))
			fail_msg("fact %s is not computed for the seed store", name);
		for (size_t i = 0; i < n; i++)
			if (!has(ph, args[i].name))
				fail_msg("fact %s gives {%s}, not among its placeholders", name,
					 args[i].name);
	}
	assert_int_equal(swot_fact_resolve("growth:economy", &ref), 0);
	assert_string_equal(ref.name, "economy");
}

/* A name that can be no fact is refused; a factor planner does not know is a region's own. */
static void test_fact_names(void **state)
{
	(void)state;
	swot_fact_ref ref;
	const char *bad[] = { "", "grwth:economy", "growth:", "growth:2x", "surroundings!",
			      "-display", "display;", "价格" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (swot_fact_resolve(bad[i], &ref) != -1)
			fail_msg("\"%s\" resolves", bad[i]);
	assert_int_equal(swot_fact_resolve("order-grwoth", &ref), 0);
	assert_int_equal(ref.id, SWOT_FACT_FACTOR);
	assert_true(ref.own_factor);
	assert_int_equal(swot_fact_resolve("sole-supplier", &ref), 0);
	assert_false(ref.own_factor);
}

/* The shipped templates/swot-rules.txt names only facts planner knows: a misspelt one
 * would silently read as a region's own factor and never fire. */
static void test_shipped_rules(void **state)
{
	(void)state;
	char path[512], line[512];
	const char *env = getenv("PLANNER_DATADIR");
	const char *tail = strstr(__FILE__, "tests/unit/test_swot.c");
	size_t n_rules = 0;
	int no = 0;

	if (env && *env)
		snprintf(path, sizeof path, "%s/templates/swot-rules.txt", env);
	else
		snprintf(path, sizeof path, "%.*stemplates/swot-rules.txt",
			 tail ? (int)(tail - __FILE__) : 0, __FILE__);
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof line, f)) {
		char fact[128];
		swot_fact_ref ref;
		no++;
		if (sscanf(line, "%127s", fact) != 1 || fact[0] == '#' || strcmp(fact, "set") == 0)
			continue;
		n_rules++;
		if (swot_fact_resolve(fact, &ref) != 0 || ref.own_factor)
			fail_msg("%s:%d: \"%s\" is no fact planner knows", path, no, fact);
	}
	fclose(f);
	assert_true(n_rules >= 40);
}

static void test_area_median(void **state)
{
	(void)state;
	static char strings[] = "\0a\0b\0c\0d";
	region_entry e[4] = { 0 };
	region r = { 0 };
	quarter_t q = 2007 * 4;
	const float areas[4] = { 20, 50, 30, 99 };

	for (int i = 0; i < 4; i++) {
		e[i].id = (uint32_t)(1 + 2 * i);
		e[i].code = (category_code){ 'Y', '2', '2', '1' };
		e[i].base = q;
		e[i].area = areas[i];
		for (int k = 0; k < REGION_HISTORY; k++)
			assert_int_equal(region_set_orders(&r, &e[i], k, 100), 0);
	}
	e[3].code.market = '1';   /* another group */
	r.stores = e;
	r.n_stores = 4;
	r.strings = strings;
	assert_true(swot_peer_area_median(&r, "Y2", q) == 30);
	assert_int_equal(region_set_orders(&r, &e[1], 0, NAN), 0);   /* no figure: not a peer */
	assert_true(swot_peer_area_median(&r, "Y2", q) == 25);
	assert_true(isnan(swot_peer_area_median(&r, "S2", q)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_store),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_missing_data),
		cmocka_unit_test(test_near_distance),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_facts_table),
		cmocka_unit_test(test_growth_place),
		cmocka_unit_test(test_fact_names),
		cmocka_unit_test(test_shipped_rules),
		cmocka_unit_test(test_area_median),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
