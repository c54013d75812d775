/* cmd_neighbors.c - PLACEHOLDER until its module lands; replace entirely. */
#include "cli.h"
#include <stdio.h>
int cmd_neighbors(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kg: neighbors: not built yet\n");
    return KG_EXIT_DATA;
}
