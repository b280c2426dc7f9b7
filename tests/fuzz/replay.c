/*
 * replay.c - main() for the fuzz targets without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on every file named on the command line
 * (a directory: on every file in it, in name order).
 *
 * `make check` links each target with this driver (using the project's
 * compiler, so no clang is needed) and tests/fuzz.sh replays the seed
 * corpora and the saved crash reproducers through them: a bug the fuzzer
 * found stays fixed.  A broken check aborts, which the test sees.
 *
 * Exit status: 0 when every input ran; 2 when a file could not be read.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

/* Reads a whole file into a malloc'd buffer (not NUL-terminated: the
 * targets must not rely on that, libFuzzer does not give one). */
static int read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 4096, n = 0;
    uint8_t *buf = lec_xmalloc(cap);
    for (;;) {
        if (n == cap) buf = lec_xrealloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return -1;
    }
    /* An exact-size copy, so that ASan sees a read past the input's end. */
    *data = lec_xmalloc(n ? n : 1);
    if (n) memcpy(*data, buf, n);
    free(buf);
    *size = n;
    return 0;
}

static int run_file(const char *path)
{
    uint8_t *data;
    size_t size;
    if (read_file(path, &data, &size) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    /* Said before the run: when it aborts, the log names the input. */
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int run_dir(const char *dir, size_t *runs)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    lec_buf path = LEC_BUF_INIT;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        struct stat st;
        lec_buf_reset(&path);
        lec_buf_printf(&path, "%s/%s", dir, name);
        /* Regular files only, and no dot files (.keep). */
        if (name[0] != '.' && stat(path.data, &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(path.data) != 0)
                rc = -1;
            else
                ++*runs;
        }
        free(names[i]);
    }
    free(names);
    lec_buf_free(&path);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;
    size_t runs = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (run_dir(argv[i], &runs) != 0) rc = 2;
        } else if (run_file(argv[i]) != 0) {
            rc = 2;
        } else {
            runs++;
        }
    }
    printf("replayed %zu input%s\n", runs, runs == 1 ? "" : "s");
    return rc;
}
