; Cuadre's Windows installer (NSIS 3). build/build.sh installer runs
;
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DSOURCE=dist/windows/cuadre
;            -DOUTFILE=dist/Cuadre-Setup-0.1.0.exe [-DAMD64] [-DSIGN_COMMAND="…"] build/installer.nsi
;
; What it does:
; - Installs for the current user, without administrator rights, into
;   %LOCALAPPDATA%\Programs\Cuadre (HKCU registry). `/ALLUSERS`, run as an administrator,
;   installs for every user into Program Files instead (HKLM) — for IT deployments.
; - A Start-menu shortcut, and a desktop shortcut the user may untick (`/NODESKTOP` when silent).
; - Upgrade in place: a newer installer finds the previous install, replaces its program files
;   (the old _internal folder goes whole, so no DLL of the previous version is left behind) and
;   never touches the user's data — %LOCALAPPDATA%\Cuadre: the workspace store, profiles,
;   physical counts, logs, the demo — which lives outside the program folder for that reason.
; - The uninstaller removes the program, its shortcuts and registry entries, and keeps the
;   user's data unless "Borrar también mis datos" is ticked (`/DELETEDATA` when silent).
;   Credentials stay in Windows' Credential Manager either way (they are the user's).
; - Spanish text throughout. Signed when SIGN_COMMAND is given: makensis runs it on the
;   installer and on the uninstaller it embeds (!finalize, !uninstfinalize).
; Silent use: Cuadre-Setup-X.exe /S [/NODESKTOP] [/ALLUSERS] [/D=C:\Ruta]; desinstalar.exe /S [/DELETEDATA].

Unicode true
!ifdef AMD64
  Target amd64-unicode  ; Debian's NSIS has 64-bit stubs; the official Windows build does not
!endif
!ifndef VERSION | VERSION4 | SOURCE | OUTFILE
  !error "Faltan -DVERSION, -DVERSION4, -DSOURCE u -DOUTFILE (use build/build.sh installer)"
!endif
!ifdef SIGN_COMMAND
  !finalize '${SIGN_COMMAND} "%1"'
  !uninstfinalize '${SIGN_COMMAND} "%1"'
!endif

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh

!define APP "Cuadre"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Cuadre"
!define UNINSTALLER "desinstalar.exe"
!define MODE_FILE "instalacion.ini"  ; how this copy was installed, for the uninstaller
!define ICON "../resources/cuadre.ico"  ; makensis works in the script's folder

Name "${APP}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
SetCompressor /SOLID lzma
SetCompressorDictSize 64  ; MB: cuadre.exe and cuadrew.exe carry the same 14 MB of Python code; a
                          ; dictionary that spans both stores it once
BrandingText "${APP} ${VERSION}"
ShowInstDetails hide
ShowUninstDetails hide
ManifestDPIAware true

Var AllUsers        ; 1 with /ALLUSERS
Var PreviousVersion ; the version found installed, or ""

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_WELCOMEFINISHPAGE_BITMAP "installer-welcome.bmp"  ; build/make_icon.py draws it
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Instalación de ${APP} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "${APP} concilia el CRM y el ERP del concesionario: clientes, pagos e inventario.$\r$\n$\r$\nSe instalará solo para su usuario de Windows, sin permisos de administrador. Si ya tiene ${APP}, se actualizará y conservará sus datos, perfiles de conexión y conteos.$\r$\n$\r$\nHaga clic en Siguiente para continuar."
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\cuadrew.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Abrir ${APP} ahora"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirectoryOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "Se quitará ${APP} de este equipo. Sus datos (almacén de trabajo, perfiles de conexión, conteos y registros) se conservan, salvo que marque «Borrar también mis datos» en el paso siguiente."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Spanish"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SPANISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_SPANISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SPANISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SPANISH} "FileDescription" "Instalador de ${APP} ${VERSION}"
VIAddVersionKey /LANG=${LANG_SPANISH} "CompanyName" "${APP}"
VIAddVersionKey /LANG=${LANG_SPANISH} "LegalCopyright" "© ${APP}"


; --- installer ------------------------------------------------------------------------------

Section "${APP} (requerido)" SecApp
  SectionIn RO
  SetOutPath "$INSTDIR"
  ${If} $PreviousVersion != ""
    DetailPrint "Actualizando ${APP} $PreviousVersion a ${VERSION}; sus datos se conservan."
  ${EndIf}
  Call EnsureNotRunning
  ; The previous version's program files only (its _internal folder whole): never the data.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\cuadre.exe"
  Delete "$INSTDIR\cuadrew.exe"
  File /r "${SOURCE}\*.*"
  WriteINIStr "$INSTDIR\${MODE_FILE}" "instalacion" "todos_los_usuarios" "$AllUsers"
  WriteINIStr "$INSTDIR\${MODE_FILE}" "instalacion" "version" "${VERSION}"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${APP}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\cuadrew.exe,0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Acceso en el menú Inicio" SecStartMenu
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\cuadrew.exe" "" "$INSTDIR\cuadrew.exe" 0 \
    SW_SHOWNORMAL "" "Concilia el CRM y el ERP del concesionario"
SectionEnd

Section "Acceso directo en el escritorio" SecDesktop
  CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\cuadrew.exe" "" "$INSTDIR\cuadrew.exe" 0 \
    SW_SHOWNORMAL "" "Concilia el CRM y el ERP del concesionario"
SectionEnd


Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${APP} necesita Windows de 64 bits." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetRegView 64
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    UserInfo::GetAccountType
    Pop $R1
    ${If} $R1 != "admin"
      MessageBox MB_ICONSTOP|MB_OK "Para instalar ${APP} para todos los usuarios, ejecute el instalador como administrador (o sin /ALLUSERS, solo para su usuario)." /SD IDOK
      SetErrorLevel 740  ; ERROR_ELEVATION_REQUIRED
      Quit
    ${EndIf}
    StrCpy $AllUsers 1
    SetShellVarContext all
    StrCpy $INSTDIR "$PROGRAMFILES64\${APP}"
  ${EndIf}
  ; An existing install is upgraded where it is.
  ReadRegStr $PreviousVersion SHCTX "${UNINSTALL_KEY}" "DisplayVersion"
  ReadRegStr $R1 SHCTX "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $R1 != ""
  ${AndIf} ${FileExists} "$R1\cuadre.exe"
    StrCpy $INSTDIR $R1
  ${Else}
    StrCpy $PreviousVersion ""
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/NODESKTOP" $R1
  ${IfNot} ${Errors}
    !insertmacro UnselectSection ${SecDesktop}
  ${EndIf}
FunctionEnd

Function SkipDirectoryOnUpgrade
  ${If} $PreviousVersion != ""
    Abort  ; skips the page: an upgrade goes where the previous version is
  ${EndIf}
FunctionEnd

Function .onVerifyInstDir
  ; The user's data folder is never the program folder (uninstalling would take the data).
  ${If} $INSTDIR == "$LOCALAPPDATA\${APP}"
    Abort
  ${EndIf}
FunctionEnd

; Cuadre running from this folder locks its programs: ask the user to close it, or give up.
Function EnsureNotRunning
  retry:
  ${ForEach} $R2 1 2 + 1
    ${If} $R2 == 1
      StrCpy $R3 "$INSTDIR\cuadrew.exe"
    ${Else}
      StrCpy $R3 "$INSTDIR\cuadre.exe"
    ${EndIf}
    ${If} ${FileExists} $R3
      ClearErrors
      FileOpen $R4 $R3 a  ; a running program cannot be opened for writing
      ${If} ${Errors}
        MessageBox MB_ICONEXCLAMATION|MB_RETRYCANCEL "${APP} está abierto. Ciérrelo y pulse Reintentar." /SD IDCANCEL IDRETRY retry
        SetErrorLevel 5
        Quit
      ${EndIf}
      FileClose $R4
    ${EndIf}
  ${Next}
FunctionEnd


; --- uninstaller ----------------------------------------------------------------------------

Section "un.${APP} (requerido)" SecUnApp
  SectionIn RO
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$DESKTOP\${APP}.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\cuadre.exe"
  Delete "$INSTDIR\cuadrew.exe"
  Delete "$INSTDIR\${MODE_FILE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"  ; only if empty: nothing the user put there is removed
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
SectionEnd

Section /o "un.Borrar también mis datos (almacén de trabajo, perfiles, conteos y registros)" SecUnData
  ; The data of the user running the uninstaller (%LOCALAPPDATA%\Cuadre), whatever the mode.
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\${APP}"
SectionEnd

Function un.onInit
  SetRegView 64
  ReadINIStr $AllUsers "$INSTDIR\${MODE_FILE}" "instalacion" "todos_los_usuarios"
  ${If} $AllUsers == "1"
    UserInfo::GetAccountType
    Pop $R1
    ${If} $R1 != "admin"
      MessageBox MB_ICONSTOP|MB_OK "${APP} se instaló para todos los usuarios: desinstálelo como administrador." /SD IDOK
      SetErrorLevel 740
      Quit
    ${EndIf}
    SetShellVarContext all
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecUnData}
  ${EndIf}
FunctionEnd
