; Inno Setup 6 script of the Windows installer of Village Station (村级电商服务站安装程序).
;
; Build the bundle first (packaging/build.sh, or pyinstaller with packaging/stationapp.spec), then:
;
;   iscc packaging\windows\stationapp.iss
;   iscc /DDistDir=C:\build\dist\stationapp /DOutputDir=C:\build\dist packaging\windows\stationapp.iss
;
; The installer copies the one-folder bundle to Program Files\VillageStation and adds Start-menu
; (and, if ticked, desktop) shortcuts. It never creates, moves or deletes the station's data:
; the app keeps it in the user's %APPDATA%\VillageStation, never under Program Files (which
; ordinary users cannot write and which uninstalling empties). Uninstalling leaves it in place.
;
; Language: Inno Setup ships no Simplified Chinese wizard text (ChineseSimplified.isl is an
; unofficial translation). Put ChineseSimplified.isl beside this script or in the compiler's
; Languages folder and the installer offers Chinese and picks it on a Chinese Windows; without
; it the wizard is in English. The shortcuts are named in Chinese either way.
; This file is UTF-8 with a byte-order mark, which Inno Setup needs to read the Chinese.

#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\..\dist\stationapp"
#endif
#ifndef OutputDir
  #define OutputDir AddBackslash(SourcePath) + "..\..\dist"
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(DistDir) + "stationapp.exe")
#endif
#if AppVersion == ""
  #define AppVersion "0.0.0"
#endif

#define AppName "村级电商服务站"
#define AppExe "stationapp.exe"
#define CliExe "stationapp-cli.exe"
#define Icon AddBackslash(SourcePath) + "..\..\resources\icons\stationapp.ico"

#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\Unofficial\ChineseSimplified.isl"
#endif

[Setup]
; The AppId ties upgrades and uninstall together: never change it.
AppId={{3A34D8EC-1525-4FE8-9CE4-D51721E67796}
AppName={#AppName} (Village Station)
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Village Station
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\VillageStation
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Install for all users when run as administrator; a user without admin rights may choose to
; install for themselves only ({autopf} then points into their own profile).
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
; Qt 6 runs on 64-bit Windows 10 1809 and later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir={#OutputDir}
OutputBaseFilename=VillageStation-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} (Village Station)
; Close a running copy of the app before files are replaced (Windows Restart Manager).
CloseApplications=yes
RestartApplications=no
#if FileExists(Icon)
SetupIconFile={#Icon}
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
#ifdef ChineseIsl
Name: "chinesesimp"; MessagesFile: "{#ChineseIsl}"
#endif

[CustomMessages]
english.CommandLine=Command line (backup, verify, selftest)
english.CommandLineComment=A console in the program folder for stationapp-cli
english.AppComment=Parcels, proxy purchases, produce, bills and the day close of the station
#ifdef ChineseIsl
chinesesimp.CommandLine=命令行（备份、校验、自检）
chinesesimp.CommandLineComment=在程序文件夹中打开命令行，运行 stationapp-cli
chinesesimp.AppComment=快递收发、代购、农产品收购、缴费与日结
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole runtime folder, so no file of the old version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{autoprograms}\{#AppName} {cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k {#CliExe} --help"; WorkingDir: "{app}"; Comment: "{cm:CommandLineComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data: %APPDATA%\VillageStation (the station's database and its
; backups) stays after uninstalling, so a reinstall or a new version finds it again.
