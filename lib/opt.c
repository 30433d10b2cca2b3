#include <stdio.h>
#include <string.h>

#include "opt.h"

static int	longopt(struct opt *, const char *);
static int	shortopt(struct opt *);

void
opt_init(struct opt *o, int argc, char **argv, const struct optdef *defs)
{
	memset(o, 0, sizeof(*o));
	o->defs = defs;
	o->argc = argc;
	o->argv = argv;
	o->i = 1;
	/* operands are moved down over the arguments already read */
	o->ops = argv + 1;
}

static int
longopt(struct opt *o, const char *s)
{
	const struct optdef	*d;
	const char		*eq = strchr(s, '=');
	size_t			 len = eq != NULL ? (size_t)(eq - s) :
				    strlen(s);

	for (d = o->defs; d->key != 0; d++)
		if (d->lng != NULL && strlen(d->lng) == len &&
		    strncmp(d->lng, s, len) == 0)
			break;
	if (d->key == 0) {
		snprintf(o->err, sizeof(o->err), "unknown option --%.40s", s);
		return '?';
	}
	o->arg = NULL;
	if (!d->arg && eq != NULL) {
		snprintf(o->err, sizeof(o->err), "--%s takes no value",
		    d->lng);
		return '?';
	}
	if (d->arg) {
		if (eq != NULL)
			o->arg = eq + 1;
		else if (o->i < o->argc)
			o->arg = o->argv[o->i++];
		else {
			snprintf(o->err, sizeof(o->err), "--%s needs a value",
			    d->lng);
			return '?';
		}
	}
	return d->key;
}

static int
shortopt(struct opt *o)
{
	const struct optdef	*d;
	int			 c = (unsigned char)*o->cluster++;

	for (d = o->defs; d->key != 0; d++)
		if (d->shrt == c)
			break;
	if (d->key == 0) {
		snprintf(o->err, sizeof(o->err), "unknown option -%c", c);
		o->cluster = NULL;
		return '?';
	}
	o->arg = NULL;
	if (d->arg) {
		if (*o->cluster != '\0')
			o->arg = o->cluster;
		else if (o->i < o->argc)
			o->arg = o->argv[o->i++];
		else {
			snprintf(o->err, sizeof(o->err), "-%c needs a value",
			    c);
			o->cluster = NULL;
			return '?';
		}
		o->cluster = NULL;
	}
	if (o->cluster != NULL && *o->cluster == '\0')
		o->cluster = NULL;
	return d->key;
}

int
opt_next(struct opt *o)
{
	const char	*a;

	if (o->cluster != NULL)
		return shortopt(o);
	while (o->i < o->argc) {
		a = o->argv[o->i++];
		if (o->done || a[0] != '-' || a[1] == '\0') {
			o->ops[o->nops++] = (char *)a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			o->done = 1;
			continue;
		}
		if (a[1] == '-')
			return longopt(o, a + 2);
		o->cluster = a + 1;
		return shortopt(o);
	}
	return -1;
}
