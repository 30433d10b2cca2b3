#include <stdlib.h>
#include <string.h>

#include "words.h"

const char *const phase_words[] = {
	"acute", "subacute", "chronic", "unknown", "invalid", NULL
};
const char *const pattern_words[] = {
	"radicular", "hip", "mechanical", "nonspecific", "other", "unknown",
	"invalid", NULL
};
const char *const risk_words[] = {
	"low", "medium", "high", "unknown", "invalid", NULL
};
const char *const band_words[] = {
	"minimal", "moderate", "severe", "crippled", "bedbound", "unknown",
	"invalid", NULL
};

int
word_is(const char *word, const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (word[i] != p[i] || word[i] == '\0')
			return 0;
	return word[n] == '\0';
}

void
words_pad(struct padded *pw, const char *const *words)
{
	size_t	i;

	memset(pw, 0, sizeof(*pw));
	for (i = 0; words[i] != NULL; i++) {
		/* the lists are the program's: a longer one is a bug */
		if (i == WORD_MAX || (pw->len[i] = strlen(words[i])) >
		    WORD_SLOT - 16 - 1)
			abort();
		memcpy(pw->slot[i], words[i], pw->len[i]);
		pw->w[i] = pw->slot[i];
	}
}

int
word_index(const char *const *words, const char *p, size_t n)
{
	int	i;

	for (i = 0; words[i] != NULL; i++)
		if (word_is(words[i], p, n))
			return i;
	return -1;
}
