; Hanoi Desk: the Windows installer (Inno Setup 6.3 or later).
;
; Build the bundle first, then compile this script, from the repository root:
;   py -m PyInstaller build.spec --noconfirm --distpath build\bundle\dist --workpath build\bundle\work
;   iscc installers\windows\hanoi-desk.iss
; Output: dist\hanoi-desk-<version>-setup.exe. /DBundleDir=<folder> builds from
; another bundle folder; /DVietnameseIsl=<path to Vietnamese.isl> adds the
; (unofficial, not shipped with Inno Setup) Vietnamese wizard translation.
;
; Per-machine install (administrator rights, Program Files, Start menu for all
; users). The uninstaller asks whether to keep or wipe the users' encrypted
; profiles; keeping them is the default, and silent uninstalls keep them unless
; given /WIPEPROFILES=1.

#ifndef BundleDir
  #define BundleDir "..\..\build\bundle\dist\hanoi-desk"
#endif
; A relative BundleDir is relative to this script's folder.
#if Pos(":", BundleDir) == 0
  #define BundlePath AddBackslash(SourcePath) + BundleDir
#else
  #define BundlePath BundleDir
#endif
#define MainExe "hanoi-desk.exe"
#define ConsoleExe "hanoi-desk-console.exe"
; The version comes from the executable's version resource, which build.spec
; generates from hanoi_desk.__version__: one source for the version.
#define AppVersion GetVersionNumbersString(AddBackslash(BundlePath) + MainExe)
#if AppVersion == ""
  #error Build the bundle first: no version resource in BundlePath\hanoi-desk.exe
#endif

[Setup]
AppId={{7B3C2E9A-5D41-4F2B-9C8E-2A6F1D0B4E73}
AppName=Hanoi Desk
AppVersion={#AppVersion}
AppVerName=Hanoi Desk {#AppVersion}
AppPublisher=Hanoi Desk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Hanoi Desk
DefaultGroupName=Hanoi Desk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=hanoi-desk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\hanoi-desk.ico
UninstallDisplayIcon={app}\{#MainExe}
UninstallDisplayName=Hanoi Desk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#ifdef VietnameseIsl
Name: "vi"; MessagesFile: "{#VietnameseIsl}"
#endif

[CustomMessages]
en.SelfTest=Hanoi Desk self-test
en.WipeProfilesQuestion=Also wipe the Hanoi Desk profiles of every user of this computer?%n%nA profile holds a person's encrypted documents, notes and signatures or votes not yet sent to the server. Wiped profiles cannot be recovered; anything not yet synced is lost.%n%nChoose No to keep them (for example, for a reinstallation).
#ifdef VietnameseIsl
vi.SelfTest=Tự kiểm tra Hanoi Desk
vi.WipeProfilesQuestion=Xóa luôn hồ sơ Hanoi Desk của mọi người dùng trên máy tính này?%n%nMỗi hồ sơ chứa tài liệu đã mã hóa, ghi chú và chữ ký hoặc biểu quyết chưa gửi lên máy chủ. Hồ sơ đã xóa không khôi phục được; những gì chưa đồng bộ sẽ mất.%n%nChọn Không để giữ lại (ví dụ để cài đặt lại).
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundlePath}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Hanoi Desk"; Filename: "{app}\{#MainExe}"; WorkingDir: "{app}"
; The console twin, kept open after the report so that a help desk can read it.
Name: "{group}\{cm:SelfTest}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#ConsoleExe}"" --self-test"; WorkingDir: "{app}"; IconFilename: "{app}\{#MainExe}"
Name: "{autodesktop}\Hanoi Desk"; Filename: "{app}\{#MainExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MainExe}"; Description: "{cm:LaunchProgram,Hanoi Desk}"; Flags: nowait postinstall skipifsilent

[Code]
var
  WipeProfiles: Boolean;

{ Each Windows user's profiles are in %LOCALAPPDATA%\HanoiDesk (platformdirs'
  user data folder). The profile list in the registry finds every user's
  home, wherever the administrator put it. }
function UserHomes(): TArrayOfString;
var
  Sids: TArrayOfString;
  Home: String;
  I, Count: Integer;
begin
  Count := 0;
  SetArrayLength(Result, 0);
  if RegGetSubkeyNames(HKLM64, 'SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList', Sids) then
    for I := 0 to GetArrayLength(Sids) - 1 do
      if RegQueryStringValue(HKLM64, 'SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList\' + Sids[I], 'ProfileImagePath', Home) then
      begin
        StringChangeEx(Home, '%SystemDrive%', ExpandConstant('{sd}'), True);
        SetArrayLength(Result, Count + 1);
        Result[Count] := Home;
        Count := Count + 1;
      end;
end;

{ Crypto-shred first, as `hanoi-desk profile wipe` does: without profile.json
  (the wrapped master key) the rest is unreadable even before it is deleted. }
procedure WipeDataFolder(const Folder: String);
var
  Found: TFindRec;
begin
  if not DirExists(Folder) then
    Exit;
  if FindFirst(Folder + '\profiles\*', Found) then
  begin
    try
      repeat
        if ((Found.Attributes and FILE_ATTRIBUTE_DIRECTORY) <> 0) and (Found.Name <> '.') and (Found.Name <> '..') then
          DeleteFile(Folder + '\profiles\' + Found.Name + '\profile.json');
      until not FindNext(Found);
    finally
      FindClose(Found);
    end;
  end;
  if not DelTree(Folder, True, True, True) then
    Log('Could not remove ' + Folder);
end;

procedure WipeAllProfiles();
var
  Homes: TArrayOfString;
  I: Integer;
begin
  Homes := UserHomes();
  for I := 0 to GetArrayLength(Homes) - 1 do
    WipeDataFolder(AddBackslash(Homes[I]) + 'AppData\Local\HanoiDesk');
  { The user running the uninstaller, in case their folder was redirected. }
  WipeDataFolder(ExpandConstant('{localappdata}\HanoiDesk'));
end;

function InitializeUninstall(): Boolean;
begin
  WipeProfiles := ExpandConstant('{param:WIPEPROFILES|0}') = '1';
  if (not WipeProfiles) and (not UninstallSilent()) then
    WipeProfiles := MsgBox(CustomMessage('WipeProfilesQuestion'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and WipeProfiles then
    WipeAllProfiles();
end;
