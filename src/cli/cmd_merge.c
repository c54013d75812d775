/* cmd_merge.c - PLACEHOLDER until its module lands; replace entirely. */
#include "cli.h"
#include <stdio.h>
int cmd_merge(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kg: merge: not built yet\n");
    return KG_EXIT_DATA;
}
