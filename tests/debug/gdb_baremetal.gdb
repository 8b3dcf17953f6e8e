# gdb-multiarch against smp_debug.elf on 4 harts started with -S (tests/debug/run.sh connects
# first, and interrupts the first `continue` with SIGINT once the guest runs).
set pagination off
set confirm off
info threads
printf "START-PC %lx\n", $pc
continue
echo INTERRUPTED\n
# debug_marker has run by now: its block was translated before this breakpoint existed
break debug_marker
continue
printf "BP-HIT %lx %d\n", $pc, $_thread
printf "PRIV %d\n", $priv
printf "COUNTER0 %lu\n", *(unsigned long *)&counters
printf "READ-ME %u\n", *(unsigned int *)&read_me
info registers sp
x/2i $pc
stepi
printf "STEPPED %lx\n", $pc
delete
watch *(unsigned int *)&watched
continue
printf "WATCH-THREAD %d\n", $_thread
delete
rwatch *(unsigned int *)&read_me
continue
printf "RWATCH-THREAD %d\n", $_thread
delete
thread 3
printf "THREAD3-PC %lx\n", $pc
monitor info status
set var *(unsigned int *)&stop_request = 1
continue
