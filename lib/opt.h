/*
 * opt: command-line options, short and long, for every tool.
 *
 * Options may come before or after operands ("--" ends them; "-" is an
 * operand).  Short options cluster (-qr FILE, -rFILE); long ones take
 * "--name=value" or "--name value".
 */
#ifndef BP_OPT_H
#define BP_OPT_H

struct optdef {
	const char	*lng;		/* long name without "--", or NULL */
	int		 shrt;		/* short letter, or 0 */
	int		 arg;		/* takes a value */
	int		 key;		/* returned by opt_next() */
};

struct opt {
	const struct optdef	*defs;	/* ends with a zeroed entry */
	int			 argc;
	char			**argv;
	int			 i;	/* next argv index */
	const char		*cluster; /* rest of a short cluster */
	const char		*arg;	/* value of the option returned */
	char			 err[96]; /* why opt_next() returned '?' */
	char			**ops;	/* operands, in order (in argv) */
	int			 nops;
	int			 done;	/* "--" seen */
};

/*
 * Start parsing argv[1..argc-1].  The operands end up in argv[1..] in
 * their order, as o->ops; argv is rearranged in place.
 */
void	opt_init(struct opt *o, int argc, char **argv,
	    const struct optdef *defs);

/*
 * The key of the next option (o->arg its value), -1 when none are left
 * (o->ops then holds the operands), or '?' with o->err set.
 */
int	opt_next(struct opt *o);

#endif
