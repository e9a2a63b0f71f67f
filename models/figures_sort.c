/*
 * figures_sort.c: a peer group's order figures sorted ascending for the classifier
 * (classify.c) and the grade schemes (grades.c).  gsl_sort is a heapsort: on the
 * 100,000-figure groups of a large region it was the whole of a batch's classification
 * phase.  Here a least-significant-digit radix sort orders the figures' IEEE-754 bit
 * patterns, mapped so that unsigned order is numeric order: 11 bits a pass, and a pass
 * whose digit is the same for every figure (the low bits of whole numbers, the top bits
 * of figures of one magnitude) is skipped, so whole carton counts take three passes.
 * The same sort orders records by a double of theirs (figures_sort_records: a batch's
 * hundred thousand candidates by the growth they need), keeping equal keys in order.
 */
#define _DEFAULT_SOURCE    /* MAP_ANONYMOUS */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <gsl/gsl_sort.h>

#include "figures_sort.h"

#define DIGIT_BITS 11
#define DIGIT_VALUES (1u << DIGIT_BITS)
#define PASSES 6                         /* 6 x 11 bits cover 64 */
#define SIGN_BIT (UINT64_C(1) << 63)

/* The figure's bits, mapped so that comparing them as unsigned integers compares the
 * figures: a positive number gets its sign bit set, a negative one all its bits flipped. */
static uint64_t sort_key(double x)
{
	uint64_t bits;

	memcpy(&bits, &x, sizeof bits);
	return (bits & SIGN_BIT) ? ~bits : bits | SIGN_BIT;
}

static double key_figure(uint64_t key)
{
	uint64_t bits = (key & SIGN_BIT) ? key & ~SIGN_BIT : ~key;
	double x;

	memcpy(&x, &bits, sizeof x);
	return x;
}

static unsigned digit(uint64_t key, int pass)
{
	return (unsigned)(key >> (pass * DIGIT_BITS)) & (DIGIT_VALUES - 1);
}

/* A pass's counts of each digit made into where each digit's first key goes. */
static void counts_to_starts(size_t *at)
{
	size_t sum = 0;

	for (unsigned d = 0; d < DIGIT_VALUES; d++) {
		size_t c = at[d];
		at[d] = sum;
		sum += c;
	}
}

/* A key kept in a double's storage (the sort moves keys through the figures' own array
 * and one scratch array of the same size, not two arrays of its own). */
static uint64_t key_at(const double *p)
{
	uint64_t key;

	memcpy(&key, p, sizeof key);
	return key;
}

static void put_key(double *p, uint64_t key)
{
	memcpy(p, &key, sizeof key);
}

/* The radix sort: 0, or -1 (nothing changed) for a NaN or no memory. */
static int radix_sort(double *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isnan(a[i]))
			return -1;
	/* mapped, not malloc'd: a large block freed to glibc raises its mmap threshold to
	 * that size (smaller blocks allocated later then stay in the heap when freed), and
	 * a batch's peak memory is close to its limit (README, Architecture, speed table) */
	size_t (*count)[DIGIT_VALUES];
	size_t bytes = PASSES * sizeof *count + n * sizeof(double);
	void *map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return -1;
	count = map;    /* zero, as a new mapping is */
	double *scratch = (double *)(count + PASSES);
	for (size_t i = 0; i < n; i++) {
		uint64_t k = sort_key(a[i] == 0 ? 0.0 : a[i]);   /* -0 as 0 */
		put_key(&a[i], k);
		for (int p = 0; p < PASSES; p++)
			count[p][digit(k, p)]++;
	}
	double *from = a, *to = scratch;
	for (int p = 0; p < PASSES; p++) {
		size_t *at = count[p];
		if (at[digit(key_at(from), p)] == n)
			continue;   /* every figure has this digit */
		counts_to_starts(at);
		for (size_t i = 0; i < n; i++) {
			uint64_t k = key_at(&from[i]);
			put_key(&to[at[digit(k, p)]++], k);
		}
		double *t = from;
		from = to;
		to = t;
	}
	for (size_t i = 0; i < n; i++)
		a[i] = key_figure(key_at(&from[i]));
	munmap(map, bytes);
	return 0;
}

/* The key of the double at byte key_offset of record r, -0 read as 0; 0 for a NaN. */
static uint64_t record_key(const unsigned char *r, size_t key_offset)
{
	double x;

	memcpy(&x, r + key_offset, sizeof x);
	return isnan(x) ? 0 : sort_key(x == 0 ? 0.0 : x);
}

int figures_sort_records(void *records, size_t n, size_t size, size_t key_offset)
{
	unsigned char *base = records;

	for (size_t i = 0; i < n; i++)
		if (record_key(base + i * size, key_offset) == 0)
			return -1;   /* a NaN: sort_key never gives 0 to a number */
	size_t (*count)[DIGIT_VALUES];   /* mapped, as in radix_sort */
	size_t bytes = PASSES * sizeof *count + n * size;
	void *map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return -1;
	count = map;
	for (size_t i = 0; i < n; i++) {
		uint64_t k = record_key(base + i * size, key_offset);
		for (int p = 0; p < PASSES; p++)
			count[p][digit(k, p)]++;
	}
	unsigned char *from = base, *to = (unsigned char *)(count + PASSES);
	for (int p = 0; p < PASSES; p++) {
		size_t *at = count[p];
		if (at[digit(record_key(from, key_offset), p)] == n)
			continue;   /* every record has this digit */
		counts_to_starts(at);
		for (size_t i = 0; i < n; i++) {   /* in order: equal keys keep theirs */
			const unsigned char *r = from + i * size;
			memcpy(to + at[digit(record_key(r, key_offset), p)]++ * size, r, size);
		}
		unsigned char *t = from;
		from = to;
		to = t;
	}
	if (from != base)
		memcpy(base, from, n * size);
	munmap(map, bytes);
	return 0;
}

void figures_sort(double *a, size_t n)
{
	if (n >= FIGURES_SORT_RADIX_MIN && radix_sort(a, n) == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (a[i] == 0)
			a[i] = 0.0;   /* -0 as 0, as the radix sort stores it */
	if (n > 1)
		gsl_sort(a, 1, n);
}
