/*
 * code.c: the four-character category code (format letter, scale, market,
 * integrity; DOMAIN.md).  Only digit 2, the scale class, is ever recomputed.
 */
#include <string.h>

#include "model.h"

int code_parse(const char *s, category_code *out, const char **why)
{
	if (!s || strlen(s) != 4) {
		*why = "length";
		return -1;
	}
	if (s[0] < 'A' || s[0] > 'Z') {
		*why = "format";
		return -1;
	}
	if (s[1] < '1' || s[1] > '3') {
		*why = "scale";
		return -1;
	}
	if (s[2] < '1' || s[2] > '2') {
		*why = "market";
		return -1;
	}
	if (s[3] < '1' || s[3] > '3') {
		*why = "integrity";
		return -1;
	}
	*out = (category_code){ s[0], s[1], s[2], s[3] };
	return 0;
}

void code_format(const category_code *c, char out[5])
{
	out[0] = c->format;
	out[1] = c->scale;
	out[2] = c->market;
	out[3] = c->integrity;
	out[4] = '\0';
}

scale_class code_class(const category_code *c)
{
	return c->scale >= '1' && c->scale <= '3' ? (scale_class)(c->scale - '0') : CLASS_NONE;
}

category_code code_with_class(category_code c, scale_class k)
{
	if (k != CLASS_NONE)
		c.scale = (char)('0' + k);
	return c;
}

void code_peer_group(const category_code *c, char out[3])
{
	out[0] = c->format;
	out[1] = c->market;
	out[2] = '\0';
}

const char *code_format_id(char letter)
{
	switch (letter) {
	case 'Y': return "tobacco-and-liquor shops";
	case 'S': return "grocery stores";
	case 'B': return "convenience stores";
	case 'C': return "supermarkets";
	case 'E': return "entertainment venues";
	case 'Q': return "other outlets";
	default: return "outlets";
	}
}

const char *class_name(scale_class k)
{
	switch (k) {
	case CLASS_LARGE: return "large";
	case CLASS_MEDIUM: return "medium";
	case CLASS_SMALL: return "small";
	default: return "none";
	}
}
