@echo off
rem budaya-kerja nightly report on Windows (Task Scheduler). Run once, as the operator,
rem in an elevated Command Prompt; adjust the folder to where budaya-kerja.exe and the
rem input\ and output\ folders live.
rem
rem   schtasks /Create /TN "budaya-kerja laporan malam" /SC DAILY /ST 01:30 /RL LIMITED ^
rem     /TR "cmd /c cd /d C:\budaya-kerja && budaya-kerja.exe report --wait 600 >> C:\budaya-kerja\budaya-kerja.log 2>&1"
rem
rem Last run's result (Last Result 0 = ok, 3 = written with rejected input, 75 = locked):
rem   schtasks /Query /TN "budaya-kerja laporan malam" /V /FO LIST
rem and the log: type C:\budaya-kerja\budaya-kerja.log
schtasks /Create /TN "budaya-kerja laporan malam" /SC DAILY /ST 01:30 /RL LIMITED /TR "cmd /c cd /d C:\budaya-kerja && budaya-kerja.exe report --wait 600 >> C:\budaya-kerja\budaya-kerja.log 2>&1"
