/*
 * bench_png.c: the PNG encoders side by side on the same picture, for `make bench`
 * (tests/bench_plan.sh): cairo_surface_write_to_png (the reference, what plans used)
 * against render_png_write.  Loads PNG (a plan written by planner), encodes it ROUNDS
 * times with each, and prints the fastest CPU time of each (and of ours, whose two
 * halves are deflated at once, the wall time) and the sizes.
 *
 *   build/bench_png plan.png [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "render_png.h"

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static cairo_status_t count_bytes(void *closure, const unsigned char *data, unsigned int length)
{
	(void)data;
	*(size_t *)closure += length;
	return CAIRO_STATUS_SUCCESS;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_png PLAN.png [ROUNDS]\n");
		return 64;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	cairo_surface_t *png = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bench_png: %s: %s\n", argv[1],
			cairo_status_to_string(cairo_surface_status(png)));
		return 66;
	}
	/* the RGB24 surface planner encodes */
	int w = cairo_image_surface_get_width(png), h = cairo_image_surface_get_height(png);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_surface(cr, png, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(img);

	double best_cairo = 1e30, best_mine = 1e30, best_mine_wall = 1e30;
	size_t size_cairo = 0, size_mine = 0;
	render_out *o = malloc(sizeof *o);
	diag err;
	for (int i = 0; i < rounds && o; i++) {
		size_cairo = 0;
		double t = cpu_ms();
		cairo_surface_write_to_png_stream(img, count_bytes, &size_cairo);
		t = cpu_ms() - t;
		best_cairo = t < best_cairo ? t : best_cairo;

		if (render_out_open(o, "/dev/null", &err) != 0)
			break;
		t = cpu_ms();
		double wall = wall_ms();
		render_png_write(img, o);
		wall = wall_ms() - wall;
		t = cpu_ms() - t;
		best_mine = t < best_mine ? t : best_mine;
		best_mine_wall = wall < best_mine_wall ? wall : best_mine_wall;
		render_out_commit(o, &err);
	}
	free(o);
	/* the size of our file: written once more, to a real file */
	char path[] = "/tmp/bench_png.XXXXXX";
	int fd = mkstemp(path);
	render_out *o2 = malloc(sizeof *o2);
	struct stat st;
	if (fd >= 0 && o2) {
		close(fd);
		if (render_out_open(o2, path, &err) == 0) {
			render_png_write(img, o2);
			render_out_commit(o2, &err);
		}
		if (stat(path, &st) == 0)
			size_mine = (size_t)st.st_size;
		unlink(path);
	}
	free(o2);
	printf("  %-34s %8.2f ms cpu   %7zu KB\n", "cairo_surface_write_to_png", best_cairo,
	       size_cairo / 1024);
	printf("  %-34s %8.2f ms cpu   %7zu KB   (%.1fx less CPU; %.2f ms wall, two threads)\n",
	       "render_png_write (libpng + zlib)", best_mine, size_mine / 1024,
	       best_cairo / best_mine, best_mine_wall);
	cairo_surface_destroy(img);
	cairo_surface_destroy(png);
	return 0;
}
