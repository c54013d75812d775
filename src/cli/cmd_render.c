/* cmd_render.c - PLACEHOLDER until its module lands; replace entirely. */
#include "cli.h"
#include <stdio.h>
int cmd_render(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kg: render: not built yet\n");
    return KG_EXIT_DATA;
}
