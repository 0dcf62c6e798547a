; Inno Setup script: Planner's Windows installer (per user, no administrator needed).
;
;   python packaging\make_icons.py --platform-icons build\icons
;   python packaging\windows\version_info.py build\windows-version.txt
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\planner.spec
;   iscc /DAppVersion=<planner --version> packaging\windows\planner.iss
;
; gives dist\planner-<version>-windows-x64-setup.exe: a Start menu entry, Planner in "Open with"
; for .json files (event packages are JSON; Planner does not take .json over from the
; editor the user has), and an uninstaller in Settings > Apps. The user's events, kept in
; %LOCALAPPDATA%\planner, stay when Planner is uninstalled.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 planner.iss
#endif

#define AppName "Planner"
#define AppId "org.planner.Planner"
#define ProgId "Planner.EventPackage"
#define Root "..\.."

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Planner developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=planner-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\build\icons\planner.ico
UninstallDisplayIcon={app}\planner.exe
LicenseFile={#Root}\build\THIRD-PARTY-LICENSES
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Files]
Source: "{#Root}\dist\planner\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
Source: "{#Root}\build\THIRD-PARTY-LICENSES"; DestDir: "{app}"; DestName: "THIRD-PARTY-LICENSES.txt"

[Icons]
; planner-window.exe is the same program without a console window (planner.exe keeps one for
; the commands: planner render ..., planner export ...).
Name: "{group}\{#AppName}"; Filename: "{app}\planner-window.exe"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"

[Registry]
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueData: "Planner event package"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueData: "{app}\planner-window.exe,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueData: """{app}\planner-window.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\planner-window.exe\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\planner-window.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
