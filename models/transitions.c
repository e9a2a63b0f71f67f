/*
 * transitions.c: the class transition matrix between two quarters (transitions.h).
 * "Up" means towards the large class (a smaller scale digit), "down" the reverse.
 */
#include <math.h>

#include "transitions.h"

static int valid_class(scale_class k)
{
	return k >= CLASS_LARGE && k <= CLASS_SMALL;
}

int transitions_add(transitions *t, scale_class from, scale_class to)
{
	if (!valid_class(from) || !valid_class(to))
		return -1;
	t->n[from - 1][to - 1]++;
	return 0;
}

int transitions_add_stopped(transitions *t, scale_class from)
{
	if (!valid_class(from))
		return -1;
	t->stopped[from - 1]++;
	return 0;
}

size_t transitions_stopped(const transitions *t, scale_class from)
{
	return valid_class(from) ? t->stopped[from - 1] : 0;
}

void transitions_merge(transitions *into, const transitions *t)
{
	for (int i = 0; i < 3; i++) {
		for (int j = 0; j < 3; j++)
			into->n[i][j] += t->n[i][j];
		into->stopped[i] += t->stopped[i];
	}
}

size_t transitions_count(const transitions *t, scale_class from, scale_class to)
{
	if (!valid_class(from) || !valid_class(to))
		return 0;
	return t->n[from - 1][to - 1];
}

size_t transitions_total(const transitions *t)
{
	size_t sum = 0;

	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			sum += t->n[i][j];
	return sum;
}

size_t transitions_from(const transitions *t, scale_class from)
{
	size_t sum = 0;

	if (!valid_class(from))
		return 0;
	for (int j = 0; j < 3; j++)
		sum += t->n[from - 1][j];
	return sum;
}

size_t transitions_to(const transitions *t, scale_class to)
{
	size_t sum = 0;

	if (!valid_class(to))
		return 0;
	for (int i = 0; i < 3; i++)
		sum += t->n[i][to - 1];
	return sum;
}

/* Above the diagonal (from < to in scale digits) is down, below it is up. */
size_t transitions_up(const transitions *t)
{
	return t->n[1][0] + t->n[2][0] + t->n[2][1];
}

size_t transitions_down(const transitions *t)
{
	return t->n[0][1] + t->n[0][2] + t->n[1][2];
}

size_t transitions_same(const transitions *t)
{
	return t->n[0][0] + t->n[1][1] + t->n[2][2];
}

double transitions_churn_pct(const transitions *t, scale_class from)
{
	size_t all = transitions_from(t, from);
	size_t down = 0;

	if (all == 0)
		return NAN;
	for (int j = from; j < 3; j++)    /* columns of smaller classes */
		down += t->n[from - 1][j];
	return 100.0 * (double)down / (double)all;
}

double transitions_lifetime(const transitions *t, scale_class from)
{
	double churn = transitions_churn_pct(t, from);

	if (isnan(churn))
		return NAN;
	if (churn == 0)
		return INFINITY;
	return 100.0 / churn;
}
