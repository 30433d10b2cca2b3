/*
 * bits: the lowest set bit of a word, for the loops that walk the bits
 * of a mask (TABs of a line, commas of a list, flags of a record).
 */
#ifndef BP_BITS_H
#define BP_BITS_H

#include <stdint.h>

/* The index of the lowest set bit of y, which is not 0. */
static inline int
bits_low(uint64_t y)
{
#if defined(__GNUC__)
	return __builtin_ctzll(y);
#else
	int	i;

	for (i = 0; (y & 1) == 0; i++)
		y >>= 1;
	return i;
#endif
}

#endif
