/*
 * savefile.c - a file replaced whole or not at all (lectern/savefile.h).
 */
#include "lectern/savefile.h"
#include "lectern/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int lec_save_file(const char *path, const char *data, size_t len)
{
    lec_buf tmp = LEC_BUF_INIT;
    lec_buf_printf(&tmp, "%s.XXXXXX", path);
    /* Not every signal: SIGSEGV and the like must still act at once. */
    static const int ending[] = {SIGINT,  SIGTERM, SIGHUP,  SIGQUIT, SIGUSR1,
                                 SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ};
    sigset_t hold, old;
    sigemptyset(&hold);
    for (size_t i = 0; i < sizeof ending / sizeof *ending; i++) sigaddset(&hold, ending[i]);
    pthread_sigmask(SIG_BLOCK, &hold, &old);
    int err = 0, fd = mkstemp(tmp.data);
    if (fd < 0) {
        err = errno;
    } else {
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(fd, data + off, len - off);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                err = w < 0 ? errno : EIO;
                break;
            }
            off += (size_t)w;
        }
        if (!err && fsync(fd) != 0) err = errno;
        if (close(fd) != 0 && !err) err = errno;
        if (!err && rename(tmp.data, path) != 0) err = errno;
        if (err) unlink(tmp.data);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    lec_buf_free(&tmp);
    return err;
}
