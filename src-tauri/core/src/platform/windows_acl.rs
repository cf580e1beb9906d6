//! Owner-only access lists on Windows: the one place RoleTray calls the
//! Win32 security API, so the one file allowed `unsafe` (the workspace
//! denies it everywhere else). Every pointer below comes from the API call
//! just before it and is freed with `LocalFree` before returning.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use windows_sys::Win32::Foundation::{CloseHandle, ERROR_SUCCESS, HANDLE, LocalFree, WIN32_ERROR};
use windows_sys::Win32::Security::Authorization::{
    EXPLICIT_ACCESS_W, GetNamedSecurityInfoW, NO_MULTIPLE_TRUSTEE, SE_FILE_OBJECT, SET_ACCESS,
    SetEntriesInAclW, SetNamedSecurityInfoW, TRUSTEE_IS_SID, TRUSTEE_IS_USER, TRUSTEE_W,
};
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACE_HEADER, ACL, ACL_SIZE_INFORMATION, AclSizeInformation,
    DACL_SECURITY_INFORMATION, EqualSid, GetAce, GetAclInformation, GetTokenInformation,
    PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, SUB_CONTAINERS_AND_OBJECTS_INHERIT,
    TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::Storage::FileSystem::FILE_ALL_ACCESS;
use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// `ACCESS_ALLOWED_ACE_TYPE`: the only kind of entry that grants.
const ACCESS_ALLOWED: u8 = 0;

fn wide(path: &Path) -> Vec<u16> {
    path.as_os_str().encode_wide().chain(Some(0)).collect()
}

fn check(code: WIN32_ERROR) -> io::Result<()> {
    if code == ERROR_SUCCESS {
        Ok(())
    } else {
        Err(io::Error::from_raw_os_error(code as i32))
    }
}

/// The running user's `TOKEN_USER` (its SID inside), as the API returns it.
fn current_user() -> io::Result<Vec<u8>> {
    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: the pseudo-handle of this process, and a handle out-pointer.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let mut needed = 0u32;
    // SAFETY: a size query (no buffer), then a buffer of the size asked for.
    let result = unsafe {
        GetTokenInformation(token, TokenUser, std::ptr::null_mut(), 0, &mut needed);
        let mut buffer = vec![0u8; needed as usize];
        let ok = GetTokenInformation(
            token,
            TokenUser,
            buffer.as_mut_ptr().cast(),
            needed,
            &mut needed,
        );
        if ok == 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(buffer)
        }
    };
    // SAFETY: the handle opened above, closed once.
    unsafe { CloseHandle(token) };
    result
}

/// The SID inside a `TOKEN_USER` buffer from [`current_user`].
fn sid_of(user: &[u8]) -> *mut c_void {
    // SAFETY: `user` holds a TOKEN_USER; read unaligned, as a Vec<u8> may be.
    unsafe {
        std::ptr::read_unaligned(user.as_ptr().cast::<TOKEN_USER>())
            .User
            .Sid
    }
}

/// Gives `path` a protected access list with one entry: the user, full
/// control, inherited by files and folders made inside.
pub(super) fn make_private(path: &Path) -> io::Result<()> {
    let user = current_user()?;
    let access = EXPLICIT_ACCESS_W {
        grfAccessPermissions: FILE_ALL_ACCESS,
        grfAccessMode: SET_ACCESS,
        grfInheritance: SUB_CONTAINERS_AND_OBJECTS_INHERIT,
        Trustee: TRUSTEE_W {
            pMultipleTrustee: std::ptr::null_mut(),
            MultipleTrusteeOperation: NO_MULTIPLE_TRUSTEE,
            TrusteeForm: TRUSTEE_IS_SID,
            TrusteeType: TRUSTEE_IS_USER,
            ptstrName: sid_of(&user).cast(),
        },
    };
    let mut acl: *mut ACL = std::ptr::null_mut();
    // SAFETY: one entry in, a new list out (freed below).
    check(unsafe { SetEntriesInAclW(1, &access, std::ptr::null(), &mut acl) })?;
    let name = wide(path);
    // SAFETY: a NUL-terminated path and the list made above.
    let set = check(unsafe {
        SetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            acl,
            std::ptr::null(),
        )
    });
    // SAFETY: allocated by SetEntriesInAclW, freed once.
    unsafe { LocalFree(acl.cast()) };
    set
}

/// Whether this is Wine rather than Windows (its `ntdll` exports
/// `wine_get_version`). Wine keeps no access lists of files (it makes one up
/// from the Unix mode), so there one cannot be checked, only set.
pub(super) fn is_wine() -> bool {
    let ntdll: Vec<u16> = "ntdll.dll".encode_utf16().chain(Some(0)).collect();
    // SAFETY: a NUL-terminated module name; ntdll is loaded in every process.
    let module = unsafe { GetModuleHandleW(ntdll.as_ptr()) };
    if module.is_null() {
        return false;
    }
    // SAFETY: a loaded module and a NUL-terminated export name.
    unsafe { GetProcAddress(module, c"wine_get_version".as_ptr().cast()) }.is_some()
}

/// Whether every entry of `path`'s access list that grants anything
/// grants it to the user alone (no list at all grants everyone).
pub(super) fn is_private(path: &Path) -> io::Result<bool> {
    let user = current_user()?;
    let name = wide(path);
    let mut dacl: *mut ACL = std::ptr::null_mut();
    let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
    // SAFETY: a NUL-terminated path; the descriptor returned owns `dacl`
    // and is freed below.
    check(unsafe {
        GetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut dacl,
            std::ptr::null_mut(),
            &mut descriptor,
        )
    })?;
    let answer = if dacl.is_null() {
        Ok(false)
    } else {
        // SAFETY: `dacl` points into `descriptor`, alive until freed below.
        unsafe { grants_user_alone(dacl, sid_of(&user)) }
    };
    // SAFETY: allocated by GetNamedSecurityInfoW, freed once.
    unsafe { LocalFree(descriptor) };
    answer
}

/// # Safety
/// `dacl` must point to a valid access list and `sid` to a valid SID.
unsafe fn grants_user_alone(dacl: *const ACL, sid: *mut c_void) -> io::Result<bool> {
    let mut info = ACL_SIZE_INFORMATION {
        AceCount: 0,
        AclBytesInUse: 0,
        AclBytesFree: 0,
    };
    // SAFETY: per this function's contract.
    unsafe {
        if GetAclInformation(
            dacl,
            (&raw mut info).cast(),
            std::mem::size_of::<ACL_SIZE_INFORMATION>() as u32,
            AclSizeInformation,
        ) == 0
        {
            return Err(io::Error::last_os_error());
        }
        for index in 0..info.AceCount {
            let mut ace: *mut c_void = std::ptr::null_mut();
            if GetAce(dacl, index, &mut ace) == 0 {
                return Err(io::Error::last_os_error());
            }
            let header = std::ptr::read_unaligned(ace.cast::<ACE_HEADER>());
            if header.AceType != ACCESS_ALLOWED {
                continue;
            }
            let allowed = ace.cast::<ACCESS_ALLOWED_ACE>();
            let ace_sid = (&raw mut (*allowed).SidStart).cast::<c_void>();
            if EqualSid(ace_sid, sid) == 0 {
                return Ok(false);
            }
        }
    }
    Ok(true)
}
