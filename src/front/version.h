/* polyhart's version, for --version, QMP's greeting and query-version. */
#ifndef FRONT_VERSION_H
#define FRONT_VERSION_H

#define POLYHART_VERSION_MAJOR 0
#define POLYHART_VERSION_MINOR 1
#define POLYHART_VERSION_MICRO 0
#define POLYHART_VERSION "0.1.0"

#endif
