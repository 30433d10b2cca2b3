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

/* len[i] = strlen(words[i]) for every word of words (NULL-terminated). */
void	word_lens(const char *const *words, size_t *len);

/* The index of (p, n) in words, compared byte for byte, or -1. */
int	word_index(const char *const *words, const char *p, size_t n);

#endif
