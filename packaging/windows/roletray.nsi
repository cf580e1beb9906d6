; RoleTray's Windows installer (NSIS 3, Modern UI 2). Built by
; scripts/package-windows.sh, or by hand:
;
;   makensis -V2 -DVERSION=0.1.0 -DSTAGE=/path/to/stage \
;            -DOUTFILE=/path/to/RoleTray-0.1.0-setup.exe packaging/windows/roletray.nsi
;
; STAGE holds roletray.exe (the CLI), roletray-app.exe (the tray app) and
; WebView2Loader.dll, and may hold README.txt. Optional: ICON (default
; icons/icon.ico of this repository), VIVERSION (four numbers for the
; version resource; default VERSION.0), OUTFILE.
;
; Per-user: no administrator rights, installs to
; %LOCALAPPDATA%\Programs\RoleTray, writes only under HKCU, leaves PATH alone.
;
; Uninstaller options:
;   /S               silent; keeps RoleTray's items in Credential Manager
;   /S /ERASEKEYCHAIN  silent, and runs `roletray.exe erase-keychain --yes` first
; Exit codes: 0 done, 1 cancelled by the user, 2 RoleTray (or a `roletray`
; command) was running, 3 erasing the saved items failed (nothing removed).

Unicode true
ManifestDPIAware true
; RoleTray is an x64 program: a 64-bit installer, which refuses 32-bit Windows.
Target amd64-unicode
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass the version: makensis -DVERSION=x.y.z ..."
!endif
!ifndef STAGE
  !error "pass the directory with the files to install: makensis -DSTAGE=<dir> ..."
!endif
!ifndef VIVERSION
  !define VIVERSION "${VERSION}.0"
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}/../../icons/icon.ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "RoleTray-${VERSION}-setup.exe"
!endif

!define PRODUCT "RoleTray"
!define APP_EXE "roletray-app.exe"
!define CLI_EXE "roletray.exe"
!define UNINST_EXE "Uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\RoleTray"
!define SM_DIR "$SMPROGRAMS\RoleTray"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\RoleTray"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel user
BrandingText "${PRODUCT} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "nsDialogs.nsh"

Var EraseKeychain ; "1": run `roletray.exe erase-keychain --yes` before removing files
Var EraseCheckbox

;--------------------------------
; Pages

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Install RoleTray ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "RoleTray keeps your AWS IAM user keys in Windows Credential Manager and hands out temporary role credentials from the notification area.$\r$\n$\r$\nIt is installed for you alone, in your own folders: no administrator rights are needed.$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "RoleTray is installed"
!define MUI_FINISHPAGE_TEXT_LARGE
!define MUI_FINISHPAGE_TEXT "RoleTray is in the Start menu and runs in the notification area.$\r$\n$\r$\nThe command-line tool, roletray.exe, is in$\r$\n$INSTDIR$\r$\nAdd that folder to your PATH to type roletray in a terminal."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Run RoleTray"
!if /FileExists "${STAGE}/README.txt"
  !define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\README.txt"
  !define MUI_FINISHPAGE_SHOWREADME_TEXT "Show the README"
  !define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!endif
!insertmacro MUI_PAGE_FINISH

UninstPage custom un.KeychainPageCreate un.KeychainPageLeave
!define MUI_UNCONFIRMPAGE_TEXT_TOP "RoleTray will be removed from the folder below.$\r$\nYour configuration, in %APPDATA%\roletray, stays."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

;--------------------------------
; Version resource

VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${PRODUCT} Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "MIT OR Apache-2.0"

;--------------------------------
; Install

; Overwriting a running roletray-app.exe fails: find out before copying anything.
Function CheckAppNotRunning
  ${IfNot} ${FileExists} "$INSTDIR\${APP_EXE}"
    Return
  ${EndIf}
  retry:
  ClearErrors
  Delete "$INSTDIR\${APP_EXE}"
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "RoleTray is running.$\r$\n$\r$\nQuit RoleTray from its tray menu, then click Retry." /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Abort "RoleTray is running: quit it from its tray menu, then run the installer again."
  ${EndIf}
FunctionEnd

Section "RoleTray"
  SetOutPath "$INSTDIR"
  Call CheckAppNotRunning

  File "${STAGE}/${CLI_EXE}"
  File "${STAGE}/${APP_EXE}"
  File "${STAGE}/WebView2Loader.dll"
  !if /FileExists "${STAGE}/README.txt"
    File "${STAGE}/README.txt"
  !endif
  WriteUninstaller "$INSTDIR\${UNINST_EXE}"

  CreateDirectory "${SM_DIR}"
  CreateShortcut "${SM_DIR}\RoleTray.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "AWS IAM roles from the tray"
  CreateShortcut "${SM_DIR}\Uninstall RoleTray.lnk" "$INSTDIR\${UNINST_EXE}" "" "$INSTDIR\${UNINST_EXE}" 0 SW_SHOWNORMAL "" "Remove RoleTray"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINST_EXE}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINST_EXE}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

;--------------------------------
; Uninstall

Function un.onInit
  StrCpy $EraseKeychain 0
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/ERASEKEYCHAIN" $1
  ${IfNot} ${Errors}
    StrCpy $EraseKeychain 1
  ${EndIf}
FunctionEnd

Function un.KeychainPageCreate
  !insertmacro MUI_HEADER_TEXT "Saved keys and sessions" "Choose whether RoleTray's secrets go too."
  nsDialogs::Create 1018
  Pop $0
  ${If} $0 == error
    Abort
  ${EndIf}
  ${NSD_CreateLabel} 0 0 100% 52u "RoleTray keeps your IAM user keys, sign-ins and cached sessions in Windows Credential Manager. They stay there unless you tick the box below, and a later RoleTray finds them again.$\r$\n$\r$\nRemoving them cannot be undone. An access key removed here stays valid in AWS until you deactivate it there."
  Pop $0
  ${NSD_CreateCheckbox} 0 60u 100% 20u "Also remove RoleTray's saved keys, sign-ins and sessions from Windows Credential Manager"
  Pop $EraseCheckbox
  ${If} $EraseKeychain == 1
    ${NSD_Check} $EraseCheckbox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.KeychainPageLeave
  ${NSD_GetState} $EraseCheckbox $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $EraseKeychain 1
  ${Else}
    StrCpy $EraseKeychain 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  InitPluginsDir

  ; 1. The tray app must not be running. Deleting its .exe is the test (it
  ;    fails while the app runs); a copy is kept to put back should step 2 fail.
  ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
    CopyFiles /SILENT "$INSTDIR\${APP_EXE}" "$PLUGINSDIR"
    ClearErrors
    Delete "$INSTDIR\${APP_EXE}"
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONEXCLAMATION "RoleTray is running.$\r$\n$\r$\nQuit RoleTray from its tray menu, then try again." /SD IDOK
      SetErrorLevel 2
      Abort "RoleTray is running: quit it from its tray menu, then try again."
    ${EndIf}
  ${EndIf}

  ; 2. Only when asked (the checkbox, or /ERASEKEYCHAIN): RoleTray's items in
  ;    Credential Manager, while roletray.exe is still there to find them.
  ${If} $EraseKeychain == 1
    ${If} ${FileExists} "$INSTDIR\${CLI_EXE}"
      DetailPrint "Removing RoleTray's saved keys, sign-ins and sessions from Windows Credential Manager"
      nsExec::ExecToLog '"$INSTDIR\${CLI_EXE}" erase-keychain --yes'
      Pop $0
      ${If} $0 != "0"
        MessageBox MB_YESNO|MB_ICONEXCLAMATION "RoleTray could not remove its saved items from Windows Credential Manager (result: $0).$\r$\n$\r$\nUninstall RoleTray anyway and leave them there?" /SD IDNO IDYES erase_done
        ${If} ${FileExists} "$PLUGINSDIR\${APP_EXE}"
          CopyFiles /SILENT "$PLUGINSDIR\${APP_EXE}" "$INSTDIR"
        ${EndIf}
        SetErrorLevel 3
        Abort "RoleTray's saved items could not be removed; RoleTray is still installed."
      ${EndIf}
      erase_done:
    ${Else}
      DetailPrint "$INSTDIR\${CLI_EXE} is missing: RoleTray's items stay in Credential Manager"
    ${EndIf}
  ${EndIf}

  ; 3. The files. roletray.exe is busy while a `roletray` command (such as
  ;    `roletray serve`) runs.
  retry_cli:
  ClearErrors
  Delete "$INSTDIR\${CLI_EXE}"
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "roletray.exe is in use: a roletray command (such as roletray serve) is still running.$\r$\n$\r$\nStop it, then click Retry." /SD IDCANCEL IDRETRY retry_cli
    SetErrorLevel 2
    Abort "roletray.exe is in use: stop the roletray command, then uninstall again."
  ${EndIf}
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\README.txt"

  Delete "${SM_DIR}\RoleTray.lnk"
  Delete "${SM_DIR}\Uninstall RoleTray.lnk"
  RMDir "${SM_DIR}"

  DeleteRegKey HKCU "${UNINST_KEY}"

  Delete "$INSTDIR\${UNINST_EXE}"
  ; Only if empty: whatever else someone put there stays.
  RMDir "$INSTDIR"
  DetailPrint "Your configuration in $APPDATA\roletray was left in place."
SectionEnd
