/*
 * words: the values bpclassify writes, which later tools read back.
 * Each array is indexed by its enum and ends with NULL.
 */
#ifndef BP_WORDS_H
#define BP_WORDS_H

#include <stddef.h>

enum phase { PH_ACUTE, PH_SUBACUTE, PH_CHRONIC, PH_UNKNOWN, PH_INVALID };
enum pattern { PA_RADICULAR, PA_HIP, PA_MECHANICAL, PA_NONSPECIFIC,
    PA_OTHER, PA_UNKNOWN, PA_INVALID };
enum risk { SB_LOW, SB_MEDIUM, SB_HIGH, SB_UNKNOWN, SB_INVALID };
enum band { DI_MINIMAL, DI_MODERATE, DI_SEVERE, DI_CRIPPLED, DI_BEDBOUND,
    DI_UNKNOWN, DI_INVALID };

extern const char *const phase_words[];
extern const char *const pattern_words[];
extern const char *const risk_words[];
extern const char *const band_words[];

/* 1 if (p, n) is word, byte for byte; else 0. */
int	word_is(const char *word, const char *p, size_t n);

/*
 * Words copied where a filter may read them 16 bytes at a time (filter.h,
 * FILTER_PAD): each in a slot of its own, zero past its end.
 */
#define WORD_SLOT	48	/* a word of up to 31 bytes, then zeros */
#define WORD_MAX	16	/* words in a list */

struct padded {
	const char	*w[WORD_MAX];
	size_t		 len[WORD_MAX];
	char		 slot[WORD_MAX][WORD_SLOT];
};

/*
 * Copy words (NULL-terminated, of the program's own: WORD_MAX of them at
 * most, each shorter than WORD_SLOT - FILTER_PAD) into pw.
 */
void	words_pad(struct padded *pw, const char *const *words);

/* The index of (p, n) in words, compared byte for byte, or -1. */
int	word_index(const char *const *words, const char *p, size_t n);

#endif
