; Inno Setup script: a Windows installer for the PyInstaller one-folder bundle.
;
; Build on Windows (see packaging/README.md):
;   1. pyinstaller --noconfirm --clean --distpath build\dist --workpath build\pyinstaller packaging\inspection-trainer.spec
;   2. iscc packaging\windows\inspection-trainer.iss
; gives dist\InspectionTrainer-<version>-setup.exe. Pass /DAppVersion=x.y.z to iscc to override the
; version (keep it equal to trainer/__init__.py).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Inspection Trainer"
#define AppExe "trainer.exe"
#define Root ".."
#define Bundle Root + "\..\build\dist\inspection-trainer"

[Setup]
; A fixed AppId lets later versions upgrade this installation in place. Never change it.
AppId={{6E0B2C1A-4F7D-4C7B-9A52-3D1E8F2B7C40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Inspection Trainer developers
DefaultDirName={autopf}\Inspection Trainer
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-machine by default (IT departments); a person without admin rights may install for themselves.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\..\dist
OutputBaseFilename=InspectionTrainer-{#AppVersion}-setup
SetupIconFile={#Root}\..\build\icons\inspection-trainer.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile={#Root}\windows\LICENCE.txt

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Evidence-linked training for children's social work staff"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The training records live in the user's data folder (%LOCALAPPDATA%\inspection-trainer), not in
; {app}: uninstalling never deletes them.
