; Inno Setup 6 script: the Windows installer for the folder packaging/kneecare.spec builds.
;
;     iscc /DAppVersion=0.1.0 packaging\kneecare.iss
;         -> dist\kneecare-0.1.0-windows-x86_64-setup.exe
;
; Run by .github/workflows/release.yml on a Windows runner after PyInstaller has made
; dist\kneecare\ (kneecare.exe for the command line and the self-test, kneecarew.exe for
; the Start menu: no console window). Never run on the project's own (Linux) machine;
; tests/unit/test_release_workflow.py checks that what it names exists and matches the
; spec and the workflow.
;
; Per-user by default (no administrator rights; the user may choose all users). Data,
; settings and logs are not in the install folder, so uninstalling keeps them; it removes
; the login entry (HKCU ...\Run "KneeCare") that Settings may have written.
; Signing: release.yml signs kneecare.exe, kneecarew.exe and this setup with signtool when
; the WINDOWS_CERTIFICATE secret is set (docs/release.md).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define SourceFolder "..\dist\kneecare"

[Setup]
AppId={{5B0F8C2E-3F4A-4C57-9C1E-6A2D1B7E0C41}
AppName=KneeCare Desktop
AppVersion={#AppVersion}
AppVerName=KneeCare Desktop {#AppVersion}
AppPublisher=KneeCare Desktop developers
DefaultDirName={autopf}\KneeCare
DefaultGroupName=KneeCare
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=kneecare-{#AppVersion}-windows-x86_64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\kneecarew.exe
UninstallDisplayName=KneeCare Desktop

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\KneeCare"; Filename: "{app}\kneecarew.exe"
Name: "{autodesktop}\KneeCare"; Filename: "{app}\kneecarew.exe"; Tasks: desktopicon

[Registry]
; Settings -> "Start KneeCare when I log in" writes this value; uninstalling removes it.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "KneeCare"; Flags: uninsdeletevalue dontcreatekey

[Run]
Filename: "{app}\kneecarew.exe"; Description: "{cm:LaunchProgram,KneeCare}"; Flags: nowait postinstall skipifsilent
