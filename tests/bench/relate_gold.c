/*
 * relate_gold.c - measures kg_relate() alone on CoNLL04 with the GOLD
 * entities, so that relation rules can be tuned apart from the tagger.
 *
 *   relate_gold DATA.json [--dump] [--e2e]
 *   relate_gold --text "A sentence ."     (shows the real stages' mentions
 *                                          and the relations found)
 *   relate_gold --bench ARTICLES.jsonl    (time spent in kg_relate() against
 *                                          the stages before it)
 *
 * Each sentence becomes a kg_doc: its tokens joined by single spaces (as
 * ../shared/tools/conll04_score.py prepares them), one sentence, and one
 * mention per gold entity (Peop -> PERSON, Org -> ORG, Loc -> COUNTRY when
 * the lexicon knows it as a country, else LOCATION; Other is skipped). The
 * relations kg_relate() finds are mapped as the scorer maps them and
 * compared with the gold relations by token spans. Prints strict P/R/F1 per
 * type and micro; --dump also prints every false positive and negative.
 * With --e2e the gold entities are not used: the text goes through the
 * real segment, recognize and resolve stages, relations are mapped back to
 * CoNLL tokens by byte overlap as the scorer does, and the share of gold
 * entities the recognizer finds with exact spans is printed too.
 * The data never enters the tree: pass its path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "kg/doc.h"
#include "kg/error.h"
#include "kg/lexicon.h"
#include "kg/recognize.h"
#include "kg/relate.h"
#include "kg/resolve.h"
#include "kg/segment.h"

enum { WORK, ORGB, LOCIN, LIVE, KILL, NTYPES };
static const char *const TYPES[NTYPES] = {"Work_For", "OrgBased_In", "Located_In", "Live_In",
                                          "Kill"};

static int map_rel(const char *r)
{
    if (!strcmp(r, "member_of") || !strcmp(r, "leader_of"))
        return WORK;
    if (!strcmp(r, "based_in"))
        return ORGB;
    if (!strcmp(r, "located_in"))
        return LOCIN;
    if (!strcmp(r, "lives_in") || !strcmp(r, "citizen_of"))
        return LIVE;
    if (!strcmp(r, "kills"))
        return KILL;
    return -1;
}

static int type_index(const char *t)
{
    for (int i = 0; i < NTYPES; i++)
        if (!strcmp(TYPES[i], t))
            return i;
    return -1;
}

typedef struct rel {
    int type, hs, he, ts, te;
    const char *name;
} rel;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the pipeline over JSON Lines articles and reports the seconds spent
 * before relate (segment, recognize, resolve) and in relate. */
static int bench(const char *path, const kg_lexicon *lx)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, bytes = 0, rels = 0, docs = 0;
    double before = 0, relate = 0;
    if (!f) {
        fprintf(stderr, "relate_gold: cannot open %s\n", path);
        return 1;
    }
    while (getline(&line, &cap, f) > 0) {
        cJSON *j = cJSON_Parse(line);
        const cJSON *t = j ? cJSON_GetObjectItem(j, "text") : NULL;
        kg_doc *d = NULL;
        double t0, t1, t2;
        if (!cJSON_IsString(t)) {
            cJSON_Delete(j);
            continue;
        }
        t0 = now();
        if (kg_doc_new(&d, t->valuestring, strlen(t->valuestring), NULL) != 0 ||
            kg_segment(d) != 0 || kg_recognize(d, lx) != 0 || kg_resolve(d, lx) != 0) {
            fprintf(stderr, "relate_gold: %s\n", kg_error_last());
            return 1;
        }
        t1 = now();
        if (kg_relate(d, lx) != 0) {
            fprintf(stderr, "relate_gold: %s\n", kg_error_last());
            return 1;
        }
        t2 = now();
        before += t1 - t0;
        relate += t2 - t1;
        bytes += d->len;
        rels += d->n_relations;
        docs++;
        kg_doc_free(d);
        cJSON_Delete(j);
    }
    free(line);
    fclose(f);
    printf("%zu articles, %.1f MB: segment+recognize+resolve %.2f s, relate %.2f s (%.1f MB/s), "
           "%zu relations\n",
           docs, (double)bytes / 1e6, before, relate,
           relate > 0 ? (double)bytes / 1e6 / relate : 0.0, rels);
    return 0;
}

static void span_text(const cJSON *toks, int s, int e, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    for (int i = s; i < e; i++) {
        const char *w = cJSON_GetArrayItem(toks, i)->valuestring;
        int n = snprintf(out + k, cap - k, "%s%s", i > s ? " " : "", w);
        if (n < 0 || (size_t)n >= cap - k)
            break;
        k += (size_t)n;
    }
}

int main(int argc, char **argv)
{
    size_t len, tp[NTYPES] = {0}, np[NTYPES] = {0}, ng[NTYPES] = {0};
    char *json;
    cJSON *root;
    int dump = 0, e2e = 0;
    size_t ner_gold = 0, ner_hit = 0, ner_pred = 0, reach = 0, reach_hit = 0;
    const kg_lexicon *lx = kg_lexicon_builtin();
    if (argc == 3 && !strcmp(argv[1], "--bench"))
        return bench(argv[2], lx);
    if (argc == 3 && !strcmp(argv[1], "--text")) {
        kg_doc *r = NULL;
        static const char *const tn[] = {"PER", "ORG", "CTRY", "LOC", "WPN"};
        if (kg_doc_new(&r, argv[2], strlen(argv[2]), NULL) != 0 || kg_segment(r) != 0 ||
            kg_recognize(r, lx) != 0 || kg_resolve(r, lx) != 0 || kg_relate(r, lx) != 0) {
            fprintf(stderr, "relate_gold: %s\n", kg_error_last());
            return 1;
        }
        for (size_t i = 0; i < r->n_mentions; i++)
            printf("mention %zu [%.*s] %s kind %d entity %d\n", i,
                   (int)(r->mentions[i].end - r->mentions[i].start), r->text + r->mentions[i].start,
                   tn[r->mentions[i].type], (int)r->mentions[i].kind, (int)r->mentions[i].entity);
        for (size_t i = 0; i < r->n_relations; i++) {
            const kg_mention *h = &r->mentions[r->relations[i].subj_mention];
            const kg_mention *t = &r->mentions[r->relations[i].obj_mention];
            printf("%.*s -%s-> %.*s\n", (int)(h->end - h->start), r->text + h->start,
                   r->relations[i].relation, (int)(t->end - t->start), r->text + t->start);
        }
        kg_doc_free(r);
        return 0;
    }
    for (int i = 2; i < argc; i++) {
        dump |= !strcmp(argv[i], "--dump");
        e2e |= !strcmp(argv[i], "--e2e");
    }
    if (argc < 2) {
        fprintf(stderr, "usage: relate_gold DATA.json [--dump]\n");
        return 2;
    }
    if (!(json = slurp(argv[1], &len)) || !(root = cJSON_ParseWithLength(json, len))) {
        fprintf(stderr, "relate_gold: cannot read %s\n", argv[1]);
        return 1;
    }
    for (int si = 0; si < cJSON_GetArraySize(root); si++) {
        const cJSON *s = cJSON_GetArrayItem(root, si);
        const cJSON *toks = cJSON_GetObjectItem(s, "tokens");
        const cJSON *ents = cJSON_GetObjectItem(s, "entities");
        const cJSON *rels = cJSON_GetObjectItem(s, "relations");
        int nt = cJSON_GetArraySize(toks), ne = cJSON_GetArraySize(ents);
        size_t tl = 0, pos = 0;
        char *text;
        kg_doc *d = NULL;
        kg_sentence sent = {0, 0, 0, (uint32_t)nt};
        kg_doc *conll = NULL;
        int *ment_of_ent = calloc((size_t)ne + 1, sizeof *ment_of_ent);
        rel gold[64], pred[256];
        int n_gold = 0, n_pred = 0;
        kg_str *strs = calloc((size_t)nt + 1, sizeof *strs);
        for (int i = 0; i < nt; i++)
            tl += strlen(cJSON_GetArrayItem(toks, i)->valuestring) + 1;
        text = malloc(tl + 1);
        for (int i = 0; i < nt; i++) {
            const char *w = cJSON_GetArrayItem(toks, i)->valuestring;
            size_t n = strlen(w);
            memcpy(text + pos, w, n);
            pos += n;
            text[pos++] = ' ';
        }
        if (pos)
            pos--;
        text[pos] = '\0';
        if (kg_doc_new(&d, text, pos, NULL) != 0) {
            fprintf(stderr, "relate_gold: %s\n", kg_error_last());
            return 1;
        }
        pos = 0;
        for (int i = 0; i < nt; i++) {
            const char *w = cJSON_GetArrayItem(toks, i)->valuestring;
            kg_token t = {(uint32_t)pos, (uint32_t)(pos + strlen(w)), 0};
            strs[i].s = d->text + pos;
            strs[i].len = (uint32_t)strlen(w);
            kg_doc_add_token(d, &t);
            pos += strlen(w) + 1;
        }
        sent.start = 0;
        sent.end = (uint32_t)d->len;
        kg_doc_add_sentence(d, &sent);
        for (int i = 0; i < ne; i++) {
            const cJSON *e = cJSON_GetArrayItem(ents, i);
            const char *ty = cJSON_GetObjectItem(e, "type")->valuestring;
            int b = cJSON_GetObjectItem(e, "start")->valueint,
                en = cJSON_GetObjectItem(e, "end")->valueint;
            kg_mention m;
            memset(&m, 0, sizeof m);
            ment_of_ent[i] = -1;
            if (!strcmp(ty, "Other"))
                continue;
            m.tok_begin = (uint32_t)b;
            m.tok_end = (uint32_t)en;
            m.start = d->tokens[b].start;
            m.end = d->tokens[en - 1].end;
            m.entity = -1;
            if (!strcmp(ty, "Peop")) {
                m.ner = KG_NER_PER;
                m.type = KG_TYPE_PERSON;
            } else if (!strcmp(ty, "Org")) {
                m.ner = KG_NER_ORG;
                m.type = KG_TYPE_ORG;
            } else {
                kg_lex_match lm[4];
                size_t k = lx ? kg_lexicon_match(lx, strs, (size_t)nt, (size_t)b, lm, 4) : 0;
                m.ner = KG_NER_LOC;
                m.type = KG_TYPE_LOCATION;
                for (size_t j = 0; j < k; j++)
                    if (lm[j].entry->kind == KG_LEX_COUNTRY && (int)lm[j].n_tokens == en - b) {
                        m.type = KG_TYPE_COUNTRY;
                        m.lex = lm[j].entry;
                    }
            }
            ment_of_ent[i] = (int)d->n_mentions;
            kg_doc_add_mention(d, &m);
        }
        if (e2e) {
            /* forget the gold tokens and mentions: run the real stages */
            kg_doc *r = NULL;
            if (kg_doc_new(&r, d->text, d->len, NULL) != 0 || kg_segment(r) != 0 ||
                kg_recognize(r, lx) != 0 || kg_resolve(r, lx) != 0) {
                fprintf(stderr, "relate_gold: %s\n", kg_error_last());
                return 1;
            }
            for (size_t i = 0; i < d->n_mentions; i++) {
                int hit = 0;
                for (size_t j = 0; j < r->n_mentions; j++)
                    hit |= r->mentions[j].start == d->mentions[i].start &&
                           r->mentions[j].end == d->mentions[i].end;
                ner_gold++;
                ner_hit += (size_t)hit;
            }
            for (size_t j = 0; j < r->n_mentions; j++)
                ner_pred += r->mentions[j].type != KG_TYPE_WEAPON;
            conll = d;
            d = r;
        }
        if (kg_relate(d, lx) != 0) {
            fprintf(stderr, "relate_gold: %s\n", kg_error_last());
            return 1;
        }
        for (size_t i = 0; i < d->n_relations && n_pred < 256; i++) {
            const kg_relation *r = &d->relations[i];
            int ty = map_rel(r->relation);
            const kg_mention *h = &d->mentions[r->subj_mention], *t = &d->mentions[r->obj_mention];
            kg_mention hh, tt;
            int dup = 0;
            if (ty < 0)
                continue;
            if (conll) {
                /* byte spans back to CoNLL tokens, as the scorer does */
                hh = *h;
                tt = *t;
                hh.tok_begin = tt.tok_begin = UINT32_MAX;
                for (size_t k = 0; k < conll->n_tokens; k++) {
                    const kg_token *ck = &conll->tokens[k];
                    if (ck->start < h->end && ck->end > h->start) {
                        if (hh.tok_begin == UINT32_MAX)
                            hh.tok_begin = (uint32_t)k;
                        hh.tok_end = (uint32_t)k + 1;
                    }
                    if (ck->start < t->end && ck->end > t->start) {
                        if (tt.tok_begin == UINT32_MAX)
                            tt.tok_begin = (uint32_t)k;
                        tt.tok_end = (uint32_t)k + 1;
                    }
                }
                if (hh.tok_begin == UINT32_MAX || tt.tok_begin == UINT32_MAX)
                    continue;
                h = &hh;
                t = &tt;
            }
            for (int j = 0; j < n_pred; j++)
                dup |= pred[j].type == ty && pred[j].hs == (int)h->tok_begin &&
                       pred[j].ts == (int)t->tok_begin && pred[j].he == (int)h->tok_end &&
                       pred[j].te == (int)t->tok_end;
            if (!dup)
                pred[n_pred++] = (rel){ty,
                                       (int)h->tok_begin,
                                       (int)h->tok_end,
                                       (int)t->tok_begin,
                                       (int)t->tok_end,
                                       r->relation};
        }
        for (int i = 0; i < cJSON_GetArraySize(rels) && n_gold < 64; i++) {
            const cJSON *r = cJSON_GetArrayItem(rels, i);
            const cJSON *h = cJSON_GetArrayItem(ents, cJSON_GetObjectItem(r, "head")->valueint);
            const cJSON *t = cJSON_GetArrayItem(ents, cJSON_GetObjectItem(r, "tail")->valueint);
            int dup = 0;
            rel g = {type_index(cJSON_GetObjectItem(r, "type")->valuestring),
                     cJSON_GetObjectItem(h, "start")->valueint,
                     cJSON_GetObjectItem(h, "end")->valueint,
                     cJSON_GetObjectItem(t, "start")->valueint,
                     cJSON_GetObjectItem(t, "end")->valueint,
                     NULL};
            for (int j = 0; j < n_gold; j++)
                dup |= !memcmp(&gold[j], &g, sizeof g);
            if (!dup && g.type >= 0)
                gold[n_gold++] = g;
        }
        for (int i = 0; i < n_pred; i++) {
            int hit = 0;
            for (int j = 0; j < n_gold; j++)
                hit |= gold[j].type == pred[i].type && gold[j].hs == pred[i].hs &&
                       gold[j].he == pred[i].he && gold[j].ts == pred[i].ts &&
                       gold[j].te == pred[i].te;
            np[pred[i].type]++;
            tp[pred[i].type] += (size_t)hit;
            if (!hit && dump) {
                char a[256], b[256];
                span_text(toks, pred[i].hs, pred[i].he, a, sizeof a);
                span_text(toks, pred[i].ts, pred[i].te, b, sizeof b);
                printf("FP %s(%s) [%s] -> [%s] :: %s\n", TYPES[pred[i].type], pred[i].name, a, b,
                       d->text);
            }
        }
        for (int j = 0; j < n_gold; j++) {
            int hit = 0;
            ng[gold[j].type]++;
            for (int i = 0; i < n_pred; i++)
                hit |= gold[j].type == pred[i].type && gold[j].hs == pred[i].hs &&
                       gold[j].he == pred[i].he && gold[j].ts == pred[i].ts &&
                       gold[j].te == pred[i].te;
            if (conll) {
                /* both arguments found by the recognizer with exact spans? */
                int hs = 0, ts = 0;
                for (size_t k = 0; k < d->n_mentions; k++) {
                    uint32_t b0 = conll->tokens[gold[j].hs].start,
                             b1 = conll->tokens[gold[j].he - 1].end;
                    uint32_t c0 = conll->tokens[gold[j].ts].start,
                             c1 = conll->tokens[gold[j].te - 1].end;
                    hs |= d->mentions[k].start == b0 && d->mentions[k].end == b1;
                    ts |= d->mentions[k].start == c0 && d->mentions[k].end == c1;
                }
                reach += (size_t)(hs && ts);
                reach_hit += (size_t)(hs && ts && hit);
                if (!hit && dump && hs && ts)
                    printf("FN-reachable ");
            }
            if (!hit && dump) {
                char a[256], b[256];
                span_text(toks, gold[j].hs, gold[j].he, a, sizeof a);
                span_text(toks, gold[j].ts, gold[j].te, b, sizeof b);
                printf("FN %s [%s] -> [%s] :: %s\n", TYPES[gold[j].type], a, b, d->text);
            }
        }
        kg_doc_free(d);
        kg_doc_free(conll);
        free(text);
        free(strs);
        free(ment_of_ent);
    }
    {
        size_t TP = 0, NP = 0, NG = 0;
        for (int t = 0; t <= NTYPES; t++) {
            size_t a = t < NTYPES ? tp[t] : TP, b = t < NTYPES ? np[t] : NP,
                   g = t < NTYPES ? ng[t] : NG;
            double p = b ? (double)a / (double)b : 0, r = g ? (double)a / (double)g : 0;
            printf("%-12s P %6.2f  R %6.2f  F1 %6.2f  gold %5zu  pred %5zu\n",
                   t < NTYPES ? TYPES[t] : "micro", 100 * p, 100 * r,
                   p + r > 0 ? 200 * p * r / (p + r) : 0.0, g, b);
            if (t < NTYPES) {
                TP += a;
                NP += b;
                NG += g;
            }
        }
    }
    if (e2e)
        printf("entities: %zu gold, %zu found with exact spans (%.1f%%), %zu mentions predicted\n",
               ner_gold, ner_hit, ner_gold ? 100.0 * (double)ner_hit / (double)ner_gold : 0.0,
               ner_pred);
    if (e2e)
        printf("relations with both arguments found: %zu of the gold, %zu of them recovered\n",
               reach, reach_hit);
    cJSON_Delete(root);
    free(json);
    return 0;
}
