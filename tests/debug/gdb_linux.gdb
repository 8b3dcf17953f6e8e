# gdb-multiarch against the Linux guest image (vmlinux symbols) on 2 harts started with -S,
# booting with polyhart.test=poweroff.
set pagination off
set confirm off
info threads
break start_kernel
continue
printf "KERNEL-BP %lx %d\n", $pc, $_thread
printf "PRIV %d\n", $priv
printf "SATP %lx\n", $satp
x/s (char *)&linux_banner
info registers sp
stepi
printf "STEPPED %lx\n", $pc
delete
break do_idle
continue
printf "IDLE %lx\n", $pc
delete
continue
