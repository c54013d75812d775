/* cmd_stats.c - PLACEHOLDER until its module lands; replace entirely. */
#include "cli.h"
#include <stdio.h>
int cmd_stats(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kg: stats: not built yet\n");
    return KG_EXIT_DATA;
}
