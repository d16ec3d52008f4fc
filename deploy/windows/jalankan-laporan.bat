@echo off
rem budaya-kerja: membuat laporan dari folder input\ ke folder output\ (klik dua kali).
rem Kode status: 0 = berhasil; 3 = laporan dibuat, tetapi ada data yang ditolak atau dilewati
rem (lihat lembar Masalah); 1 = gagal, tidak ada laporan baru; 75 = proses lain sedang berjalan.
chcp 65001 >nul
cd /d "%~dp0"
budaya-kerja.exe report %*
set STATUS=%ERRORLEVEL%
echo.
if "%STATUS%"=="0" echo Selesai: laporan ada di folder output.
if "%STATUS%"=="3" echo Selesai, tetapi ada data yang ditolak atau dilewati: lihat lembar Masalah pada laporan.
if "%STATUS%"=="1" echo GAGAL: baca pesan di atas. Laporan sebelumnya tidak diubah.
if "%STATUS%"=="75" echo Proses budaya-kerja lain sedang berjalan; coba lagi nanti.
echo (kode status %STATUS%)
pause
exit /b %STATUS%
