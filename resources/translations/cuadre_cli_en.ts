<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es">
<context>
    <name>app.audit</name>
    <message>
        <source>ancla no válida «{text}»: se escribe N:HUELLA (64 caracteres)</source>
        <translation>invalid anchor «{text}»: it is written N:HASH (64 characters)</translation>
    </message>
    <message>
        <source>no se pudo leer el archivo de anclas {path}: {why}</source>
        <translation>the anchor file {path} could not be read: {why}</translation>
    </message>
    <message>
        <source>{path}, línea {number}: {why}</source>
        <translation>{path}, line {number}: {why}</translation>
    </message>
    <message>
        <source>el archivo de anclas no puede estar en la carpeta del almacén de trabajo ({folder}): quien reescriba el uno reescribiría el otro. Guárdelo en otro disco, una memoria USB o una carpeta que solo escriba auditoría.</source>
        <translation>the anchor file cannot be in the workspace store&apos;s folder ({folder}): whoever rewrites the one would rewrite the other. Keep it on another disk, a USB key or a folder only auditing writes to.</translation>
    </message>
    <message>
        <source>no se pudo escribir el archivo de anclas {path}: {why}</source>
        <translation>the anchor file {path} could not be written: {why}</translation>
    </message>
    <message>
        <source>La firma de la aprobación no es válida (no la hizo la clave de quien aprobó, o la corrección, su huella o su clave de envío cambiaron después): no se envía.</source>
        <translation>The approval&apos;s signature is not valid (it was not made by the approver&apos;s key, or the correction, its fingerprint or its sending key changed afterwards): it is not sent.</translation>
    </message>
    <message>
        <source>La fila del envío no corresponde a una corrección aprobada en Cuadre (su contenido o su clave difieren de la aprobación registrada): no se envía.</source>
        <translation>The outbox row does not match a correction approved in Cuadre (its content or its key differ from the recorded approval): it is not sent.</translation>
    </message>
    <message>
        <source>N.º</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Fecha y hora</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Quién</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Acción</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Sistema</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Valor anterior</source>
        <translation>Previous value</translation>
    </message>
    <message>
        <source>Valor nuevo</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>Propuso</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Aprobó</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Comentario</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Resultado</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Clave de idempotencia</source>
        <translation>Idempotency key</translation>
    </message>
    <message>
        <source>Corrección</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Huella anterior</source>
        <translation>Previous fingerprint</translation>
    </message>
    <message>
        <source>Huella</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>formato no admitido: {suffix}; use .csv o .xlsx</source>
        <translation>unsupported format: {suffix}; use .csv or .xlsx</translation>
    </message>
    <message>
        <source>(sin extensión)</source>
        <translation>(no extension)</translation>
    </message>
    <message>
        <source>la fila {seq} fue modificada (su contenido no coincide con su huella)</source>
        <translation>row {seq} was modified (its content does not match its fingerprint)</translation>
    </message>
    <message>
        <source>la cadena se rompe en la fila {seq} (falta, sobra o se reordenó una fila antes de ella)</source>
        <translation>the chain breaks at row {seq} (a row before it is missing, extra or reordered)</translation>
    </message>
    <message>
        <source>falta o sobra una fila antes de la número {seq} (se esperaba la {expected})</source>
        <translation>a row is missing or extra before row number {seq} (row {expected} was expected)</translation>
    </message>
    <message>
        <source>el registro termina en la fila {count} pero su cabeza dice {head_count}: se borraron o añadieron filas al final</source>
        <translation>the trail ends at row {count} but its head says {head_count}: rows were deleted or added at the end</translation>
    </message>
    <message>
        <source>la última fila ({count}) no coincide con la cabeza del registro</source>
        <translation>the last row ({count}) does not match the trail&apos;s head</translation>
    </message>
    <message>
        <source>falta la cabeza del registro de auditoría</source>
        <translation>the audit trail&apos;s head is missing</translation>
    </message>
    <message>
        <source>la fila {seq} no coincide con el ancla anotada: el registro fue reescrito</source>
        <translation>row {seq} does not match the noted anchor: the trail was rewritten</translation>
    </message>
    <message>
        <source>el registro tiene menos filas ({count}) que el ancla anotada ({seq})</source>
        <translation>the trail has fewer rows ({count}) than the noted anchor ({seq})</translation>
    </message>
    <message>
        <source>hay correcciones aprobadas o enviadas cuya aprobación no está en el registro ({ids}): se aprobaron por fuera de Cuadre</source>
        <translation>there are approved or sent corrections whose approval is not in the trail ({ids}): they were approved outside Cuadre</translation>
    </message>
    <message>
        <source>la firma de la fila {seq} no es de la clave de su autor: la fila fue escrita o cambiada sin su clave privada</source>
        <translation>the signature of row {seq} is not its author&apos;s key&apos;s: the row was written or changed without their private key</translation>
    </message>
    <message>
        <source>la fila {seq} no está firmada y este registro firma cada fila desde que se registró la primera clave</source>
        <translation>row {seq} is not signed, and this trail signs every row since the first key was registered</translation>
    </message>
    <message>
        <source>la fila {seq} está firmada con una clave que nadie registró</source>
        <translation>row {seq} is signed with a key nobody registered</translation>
    </message>
    <message>
        <source>la fila {seq} registra o cambia una clave de firma sin derecho a hacerlo (solo un administrador, otro que el dueño, con una solicitud firmada por la clave nueva)</source>
        <translation>row {seq} registers or changes a signing key without the right to (only an administrator, someone other than its owner, with a request signed by the new key)</translation>
    </message>
    <message>
        <source>las claves públicas guardadas (person_keys) no son las que registró el registro: alguien las cambió</source>
        <translation>the public keys kept (person_keys) are not the ones the trail registered: someone changed them</translation>
    </message>
    <message>
        <source>la corrección {ids} no dice lo que dice su última fila del registro (estado, quién propuso o aprobó, su clave de envío, el registro, el campo o el valor nuevo fueron cambiados por fuera de Cuadre)</source>
        <translation>correction {ids} does not say what its latest trail row says (its state, who proposed or approved it, its sending key, the record, the field or the new value were changed outside Cuadre)</translation>
    </message>
    <message>
        <source>el registro habla de la corrección {ids}, que ya no está en el almacén</source>
        <translation>the trail speaks of correction {ids}, which is no longer in the store</translation>
    </message>
    <message>
        <source>la aprobación de la corrección {ids} no tiene una firma válida de quien la aprobó</source>
        <translation>the approval of correction {ids} has no valid signature of its approver</translation>
    </message>
    <message>
        <source>la fila {ids} de envíos no corresponde a lo que el registro dice que se encoló y envió, o envía otra cosa que lo aprobado</source>
        <translation>outbox row {ids} does not match what the trail says was queued and sent, or sends something other than what was approved</translation>
    </message>
    <message>
        <source>el registro encoló un envío (clave {ids}) que ya no está en la tabla de envíos</source>
        <translation>the trail queued a send (key {ids}) that is no longer in the outbox</translation>
    </message>
    <message>
        <source>el cierre de periodo {ids} no coincide con su certificación o su firma en el registro</source>
        <translation>period closing {ids} does not match its certification or its sign-off in the trail</translation>
    </message>
    <message>
        <source>la firma del cierre de periodo {ids} no es válida</source>
        <translation>the sign-off signature of period closing {ids} is not valid</translation>
    </message>
    <message>
        <source>faltan o fueron cambiadas las protecciones del almacén ({names}): sin ellas se pueden editar o borrar filas del registro y saltarse la regla de que quien propone no aprueba</source>
        <translation>the store&apos;s protections are missing or were changed ({names}): without them rows of the trail can be edited or deleted and the rule that whoever proposes does not approve can be bypassed</translation>
    </message>
    <message>
        <source>Registro de auditoría alterado: {why}.</source>
        <translation>Audit trail altered: {why}.</translation>
    </message>
    <message>
        <source>Registro de auditoría íntegro: {n} filas; huella final {hash}.</source>
        <translation>Audit trail intact: {n} rows; final fingerprint {hash}.</translation>
    </message>
    <message>
        <source>ninguna fila está firmada: este espacio de trabajo no tiene claves de firma (solo la cadena y las anclas lo protegen)</source>
        <translation>no row is signed: this workspace has no signing keys (only the chain and the anchors protect it)</translation>
    </message>
    <message>
        <source>firmadas por sus autores desde la fila {seq}; {n} sin firma (anteriores a las claves o del propio programa)</source>
        <translation>signed by their authors since row {seq}; {n} unsigned (older than the keys, or the program&apos;s own)</translation>
    </message>
    <message>
        <source>Falta la cabeza del registro de auditoría: el almacén está dañado.</source>
        <translation>The audit trail&apos;s head is missing: the store is damaged.</translation>
    </message>
</context>
<context>
    <name>app.connections</name>
    <message>
        <source>No se escribió ninguna credencial.</source>
        <translation>No credential was written.</translation>
    </message>
    <message>
        <source>No se pudo consultar el almacén seguro de credenciales.</source>
        <translation>The secure credential store could not be queried.</translation>
    </message>
    <message>
        <source>No se guardó la credencial: {why}</source>
        <translation>The credential was not saved: {why}</translation>
    </message>
    <message>
        <source>No se guardó la credencial: el almacén seguro del sistema falló.</source>
        <translation>The credential was not saved: the system&apos;s secure store failed.</translation>
    </message>
    <message>
        <source>Credencial guardada en {backend}.</source>
        <translation>Credential saved in {backend}.</translation>
    </message>
    <message>
        <source>Este tipo de fuente no está disponible en esta instalación de Cuadre.</source>
        <translation>This kind of source is not available in this installation of Cuadre.</translation>
    </message>
    <message>
        <source>No hay permiso para leer la fuente.</source>
        <translation>There is no permission to read the source.</translation>
    </message>
    <message>
        <source>No se pudo leer la fuente (error de disco o de red).</source>
        <translation>The source could not be read (a disk or network error).</translation>
    </message>
    <message>
        <source>La fuente respondió algo que no se pudo interpretar.</source>
        <translation>The source answered something that could not be interpreted.</translation>
    </message>
    <message>
        <source>La fuente {system} no tiene archivos ni entidades.</source>
        <translation>The source {system} has no files or entities.</translation>
    </message>
    <message>
        <source>sin archivos</source>
        <translation>no files</translation>
    </message>
    <message>
        <source>sin fuente</source>
        <translation>no source</translation>
    </message>
    <message>
        <source>Escriba un nombre para el perfil.</source>
        <translation>Write a name for the profile.</translation>
    </message>
    <message>
        <source>La tolerancia en pesos no puede ser negativa.</source>
        <translation>The tolerance in pesos cannot be negative.</translation>
    </message>
    <message>
        <source>La tolerancia relativa debe estar entre 0 % y 100 %.</source>
        <translation>The relative tolerance must be between 0 % and 100 %.</translation>
    </message>
    <message>
        <source>La ventana de fechas no puede ser negativa.</source>
        <translation>The date window cannot be negative.</translation>
    </message>
    <message>
        <source>El umbral de revisión debe ser mayor que 0 y menor que el de enlace automático, que no puede pasar de 1.</source>
        <translation>The review threshold must be greater than 0 and less than the automatic link&apos;s, which cannot exceed 1.</translation>
    </message>
    <message>
        <source>«{field}» no es un campo conocido.</source>
        <translation>«{field}» is not a known field.</translation>
    </message>
    <message>
        <source>El sistema de registro de «{field}» debe ser CRM o ERP.</source>
        <translation>The system of record of «{field}» must be CRM or ERP.</translation>
    </message>
    <message>
        <source>del CRM</source>
        <translation>of the CRM</translation>
    </message>
    <message>
        <source>del ERP</source>
        <translation>of the ERP</translation>
    </message>
    <message>
        <source>Tipo de fuente {system} desconocido: «{kind}».</source>
        <translation>Unknown source type {system}: «{kind}».</translation>
    </message>
    <message>
        <source>Un mapeo de columnas debe ser {{campo: columna}}.</source>
        <translation>A column mapping must be {{field: column}}.</translation>
    </message>
    <message>
        <source>Indique al menos un archivo {system}.</source>
        <translation>Give at least one file {system}.</translation>
    </message>
    <message>
        <source>«{path}» no es la ruta de un archivo.</source>
        <translation>«{path}» is not a file&apos;s path.</translation>
    </message>
    <message>
        <source>Indique la fuente {system}.</source>
        <translation>Give the source {system}.</translation>
    </message>
    <message>
        <source>una URL de base de datos (postgresql://…, sqlite:///…)</source>
        <translation>a database URL (postgresql://…, sqlite:///…)</translation>
    </message>
    <message>
        <source>una URL http(s)://</source>
        <translation>an http(s):// URL</translation>
    </message>
    <message>
        <source>una URL odoo://usuario@servidor/base</source>
        <translation>an odoo://user@server/database URL</translation>
    </message>
    <message>
        <source>una fuente hubspot://PORTAL</source>
        <translation>a hubspot://PORTAL source</translation>
    </message>
    <message>
        <source>un archivo</source>
        <translation>a file</translation>
    </message>
    <message>
        <source>siigo://USUARIO@empresa</source>
        <translation>siigo://USER@company</translation>
    </message>
    <message>
        <source>alegra://CORREO@empresa</source>
        <translation>alegra://EMAIL@company</translation>
    </message>
    <message>
        <source>La fuente {system} debe ser {kind}.</source>
        <translation>The source {system} must be {kind}.</translation>
    </message>
    <message>
        <source>«{value}» no es una entidad ({entities}).</source>
        <translation>«{value}» is not an entity ({entities}).</translation>
    </message>
    <message>
        <source>La opción «{name}» parece una contraseña o un token: un perfil no guarda secretos. Escríbalo en el campo de credencial; queda en el almacén seguro del sistema.</source>
        <translation>The option «{name}» looks like a password or a token: a profile keeps no secrets. Write it in the credential field; it stays in the system&apos;s secure store.</translation>
    </message>
    <message>
        <source>La opción «{name}» lleva una contraseña dentro de una URL: un perfil no guarda secretos.</source>
        <translation>The option «{name}» carries a password inside a URL: a profile keeps no secrets.</translation>
    </message>
    <message>
        <source>«{what}» debe ser un objeto.</source>
        <translation>«{what}» must be an object.</translation>
    </message>
    <message>
        <source>«{what}» no es un número.</source>
        <translation>«{what}» is not a number.</translation>
    </message>
    <message>
        <source>Un perfil no tiene nombre.</source>
        <translation>A profile has no name.</translation>
    </message>
    <message>
        <source>Un valor numérico del perfil no es válido.</source>
        <translation>A numeric value of the profile is not valid.</translation>
    </message>
    <message>
        <source>Un archivo trae una sola entidad: indique cuál con --entity (customers, payments o vehicles).</source>
        <translation>A file holds a single entity: say which with --entity (customers, payments or vehicles).</translation>
    </message>
    <message>
        <source>Esta fuente no tiene un archivo para esa entidad.</source>
        <translation>This source has no file for that entity.</translation>
    </message>
    <message>
        <source>No se puede leer el archivo de perfiles {file}: {why}.</source>
        <translation>The profiles file {file} cannot be read: {why}.</translation>
    </message>
    <message>
        <source>su lugar (no se pudo apartar)</source>
        <translation>its place (it could not be moved aside)</translation>
    </message>
    <message>
        <source>El archivo de perfiles {file} está dañado y no se pudo leer. Se conservó como {where} en la carpeta de datos; los perfiles nuevos se guardarán en un archivo nuevo.</source>
        <translation>The profiles file {file} is damaged and could not be read. It was kept as {where} in the data folder; new profiles will be saved in a new file.</translation>
    </message>
    <message>
        <source>El archivo de perfiles {file} es de una versión más nueva de Cuadre (formato {version}). Actualice Cuadre para usarlo; no se modificó.</source>
        <translation>The profiles file {file} is from a newer version of Cuadre (format {version}). Update Cuadre to use it; it was not changed.</translation>
    </message>
    <message>
        <source>Su nombre se repite.</source>
        <translation>Its name is repeated.</translation>
    </message>
    <message>
        <source>n.º {n}</source>
        <translation>no. {n}</translation>
    </message>
    <message>
        <source>El perfil {name} no se pudo leer: {why} Se dejó sin cambios en el archivo.</source>
        <translation>The profile {name} could not be read: {why} It was left unchanged in the file.</translation>
    </message>
    <message>
        <source>No existe el perfil «{name}».</source>
        <translation>The profile «{name}» does not exist.</translation>
    </message>
    <message>
        <source>Ya existe un perfil llamado «{name}».</source>
        <translation>A profile named «{name}» already exists.</translation>
    </message>
    <message>
        <source>No se pudo guardar el archivo de perfiles: {why}. Los perfiles guardados antes siguen intactos.</source>
        <translation>The profiles file could not be saved: {why}. The profiles saved before are intact.</translation>
    </message>
    <message>
        <source>error de disco</source>
        <translation>disk error</translation>
    </message>
    <message>
        <source>clientes</source>
        <translation>customers</translation>
    </message>
    <message>
        <source>pagos</source>
        <translation>payments</translation>
    </message>
    <message>
        <source>inventario</source>
        <translation>stock</translation>
    </message>
    <message>
        <source>negocios</source>
        <translation>deals</translation>
    </message>
    <message>
        <source>el CRM</source>
        <translation>the CRM</translation>
    </message>
    <message>
        <source>el ERP</source>
        <translation>the ERP</translation>
    </message>
    <message>
        <source>ni en</source>
        <translation>nor in</translation>
    </message>
    <message>
        <source>el perfil «{name}» no tiene {entity} en {where}</source>
        <translation>the profile «{name}» has no {entity} in {where}</translation>
    </message>
    <message>
        <source>los dos sistemas</source>
        <translation>both systems</translation>
    </message>
    <message>
        <source>El CRM y el ERP del perfil «{name}» no tienen ninguna entidad en común (clientes, pagos o inventario): indique el mismo tipo de datos en los dos.</source>
        <translation>The CRM and the ERP of the profile «{name}» have no entity in common (customers, payments or stock): give the same kind of data in both.</translation>
    </message>
    <message>
        <source>un archivo trae una sola entidad: indique cuál con --entity</source>
        <translation>a file holds a single entity: say which with --entity</translation>
    </message>
    <message>
        <source>el mapeo debe ser un objeto {{&quot;columna&quot;: &quot;Encabezado&quot;}}</source>
        <translation>the mapping must be an object {{&quot;column&quot;: &quot;Heading&quot;}}</translation>
    </message>
    <message>
        <source>sin --entity, el mapeo se escribe por entidad: {{&quot;customers&quot;: {{&quot;columna&quot;: &quot;Encabezado&quot;}}, …}}</source>
        <translation>without --entity, the mapping is written per entity: {{&quot;customers&quot;: {{&quot;column&quot;: &quot;Heading&quot;}}, …}}</translation>
    </message>
    <message>
        <source>perfil {system}: {source}</source>
        <translation>{system} profile: {source}</translation>
    </message>
    <message>
        <source>un archivo se lee entero cuando cambia</source>
        <translation>a file is read whole when it changes</translation>
    </message>
    <message>
        <source>«{source}» no puede traer solo lo cambiado</source>
        <translation>«{source}» cannot bring only what changed</translation>
    </message>
    <message>
        <source>({source}) no admite escritura</source>
        <translation>({source}) cannot be written to</translation>
    </message>
</context>
<context>
    <name>app.connectors</name>
    <message>
        <source>Alegra entrega a lo sumo {n} registros por página: «limit» debe estar entre 1 y {n}.</source>
        <translation>Alegra returns at most {n} records per page: «limit» must be between 1 and {n}.</translation>
    </message>
    <message>
        <source>No hay token guardado para Alegra ({user}): guárdelo con «cuadre credentials set FUENTE».</source>
        <translation>No token is saved for Alegra ({user}): save it with «cuadre credentials set SOURCE».</translation>
    </message>
    <message>
        <source>Alegra rechazó el correo o el token ({user}). Revise el token guardado.</source>
        <translation>Alegra refused the e-mail or the token ({user}). Check the saved token.</translation>
    </message>
    <message>
        <source>Alegra no guarda {what}: Cuadre lee de Alegra clientes, pagos y facturas.</source>
        <translation>Alegra does not keep {what}: Cuadre reads customers, payments and invoices from Alegra.</translation>
    </message>
    <message>
        <source>Alegra respondió una lista sin «data» en {where}.</source>
        <translation>Alegra answered a list without «data» at {where}.</translation>
    </message>
    <message>
        <source>No se puede leer el mapeo {name}: {strerror}.</source>
        <translation>The mapping {name} cannot be read: {strerror}.</translation>
    </message>
    <message>
        <source>El mapeo {name} no es JSON válido.</source>
        <translation>The mapping {name} is not valid JSON.</translation>
    </message>
    <message>
        <source>El mapeo {name} debe ser un objeto JSON {{&quot;columna canónica&quot;: &quot;Encabezado del archivo&quot;}}.</source>
        <translation>The mapping {name} must be a JSON object {{&quot;canonical column&quot;: &quot;File heading&quot;}}.</translation>
    </message>
    <message>
        <source>archivo {system} {name}</source>
        <translation>{system} file {name}</translation>
    </message>
    <message>
        <source>El mapeo pide la columna «{wanted}», que no está en el archivo. Columnas del archivo: {listed}.</source>
        <translation>The mapping asks for the column «{wanted}», which is not in the file. The file&apos;s columns: {listed}.</translation>
    </message>
    <message>
        <source>El mapeo nombra columnas que no existen: {join}. Columnas válidas: {join2}.</source>
        <translation>The mapping names columns that do not exist: {join}. Valid columns: {join2}.</translation>
    </message>
    <message>
        <source>En el mapeo, «{name}» debe ser el encabezado del archivo (texto) o una lista de encabezados.</source>
        <translation>In the mapping, «{name}» must be the file&apos;s heading (text) or a list of headings.</translation>
    </message>
    <message>
        <source>El archivo {name} está vacío.</source>
        <translation>The file {name} is empty.</translation>
    </message>
    <message>
        <source>Los datos de {name} no parecen de {kind}: falta un campo como {expected}. Campos recibidos: {found}. Si el campo tiene otro nombre, indíquelo en un mapeo.</source>
        <translation>The data from {name} do not look like {kind}: a field such as {expected} is missing. Fields received: {found}. If the field has another name, say so in a mapping.</translation>
    </message>
    <message>
        <source>El archivo {name} no parece de {kind}: falta una columna como {expected}. Encabezados del archivo (línea {header_line}): {found}. Si la columna tiene otro nombre, indíquelo en un mapeo.</source>
        <translation>The file {name} does not look like {kind}: a column such as {expected} is missing. The file&apos;s headings (line {header_line}): {found}. If the column has another name, say so in a mapping.</translation>
    </message>
    <message>
        <source>clientes</source>
        <translation>customers</translation>
    </message>
    <message>
        <source>pagos</source>
        <translation>payments</translation>
    </message>
    <message>
        <source>vehículos</source>
        <translation>vehicles</translation>
    </message>
    <message>
        <source>negocios</source>
        <translation>deals</translation>
    </message>
    <message>
        <source>facturas</source>
        <translation>invoices</translation>
    </message>
    <message>
        <source>visitas al taller</source>
        <translation>workshop visits</translation>
    </message>
    <message>
        <source>contratos (SOAT, seguros y créditos)</source>
        <translation>contracts (SOAT, insurance and loans)</translation>
    </message>
    <message>
        <source>seguimientos</source>
        <translation>follow-ups</translation>
    </message>
    <message>
        <source>conteo físico</source>
        <translation>physical count</translation>
    </message>
    <message>
        <source>No se encuentra el archivo {name}.</source>
        <translation>The file {name} cannot be found.</translation>
    </message>
    <message>
        <source>{name} es un libro de Excel antiguo (.xls): guárdelo como .xlsx o CSV.</source>
        <translation>{name} is an old Excel workbook (.xls): save it as .xlsx or CSV.</translation>
    </message>
    <message>
        <source>{name} es un archivo de texto: no tiene hojas.</source>
        <translation>{name} is a text file: it has no sheets.</translation>
    </message>
    <message>
        <source>{name} no parece un archivo de texto: está lleno de bytes nulos que no siguen el patrón de UTF-16 ni de UTF-32; guárdelo como CSV (UTF-8) o como libro de Excel (.xlsx).</source>
        <translation>{name} does not look like a text file: it is full of null bytes that follow the pattern of neither UTF-16 nor UTF-32; save it as CSV (UTF-8) or as an Excel workbook (.xlsx).</translation>
    </message>
    <message>
        <source>El archivo</source>
        <translation>The file</translation>
    </message>
    <message>
        <source>{name} no se puede leer como CSV cerca de la línea {line}.</source>
        <translation>{name} cannot be read as CSV near line {line}.</translation>
    </message>
    <message>
        <source>{name} tiene {thousands} columnas en la línea {line}, y Cuadre lee hasta {thousands2} (el máximo de Excel): no parece una exportación de datos.</source>
        <translation>{name} has {thousands} columns on line {line}, and Cuadre reads up to {thousands2} (Excel&apos;s maximum): it does not look like a data export.</translation>
    </message>
    <message>
        <source>{name} tiene en la línea {line} un valor de más de {thousands} caracteres (el máximo de una celda de Excel); suele ser una comilla que se abrió y no se cerró: revise esa línea.</source>
        <translation>{name} has on line {line} a value of more than {thousands} characters (the maximum of an Excel cell); it is usually a quote that was opened and never closed: check that line.</translation>
    </message>
    <message>
        <source>{name} no es un libro de Excel (.xlsx) válido.</source>
        <translation>{name} is not a valid Excel workbook (.xlsx).</translation>
    </message>
    <message>
        <source>{name} no tiene la hoja «{sheet}». Hojas: {join}.</source>
        <translation>{name} has no sheet «{sheet}». Sheets: {join}.</translation>
    </message>
    <message>
        <source>El servidor respondió algo que no es JSON válido.</source>
        <translation>The server answered something that is not valid JSON.</translation>
    </message>
    <message>
        <source>La dirección {where} no es una URL http(s) válida.</source>
        <translation>The address {where} is not a valid http(s) URL.</translation>
    </message>
    <message>
        <source>La URL no debe llevar usuario ni contraseña: se guardan en el almacén de credenciales del sistema.</source>
        <translation>The URL must not carry a user or a password: they are saved in the system&apos;s credential store.</translation>
    </message>
    <message>
        <source>{where} pide esperar {seconds} s antes de otra consulta (límite de solicitudes). Intente más tarde.</source>
        <translation>{where} asks to wait {seconds} s before another request (rate limit). Try again later.</translation>
    </message>
    <message>
        <source>{where} rechazó las credenciales (HTTP {status}). Revise el token o la clave guardados con «cuadre credentials set».</source>
        <translation>{where} refused the credentials (HTTP {status}). Check the token or key saved with «cuadre credentials set».</translation>
    </message>
    <message>
        <source>{where} no existe en el servidor (HTTP 404). Revise la ruta.</source>
        <translation>{where} does not exist on the server (HTTP 404). Check the path.</translation>
    </message>
    <message>
        <source>{where} sigue limitando las solicitudes (HTTP 429). Intente más tarde.</source>
        <translation>{where} keeps limiting requests (HTTP 429). Try again later.</translation>
    </message>
    <message>
        <source>{where} falló del lado del servidor (HTTP {status}) tras varios intentos.</source>
        <translation>{where} failed on the server&apos;s side (HTTP {status}) after several attempts.</translation>
    </message>
    <message>
        <source>{where} respondió HTTP {status}.</source>
        <translation>{where} answered HTTP {status}.</translation>
    </message>
    <message>
        <source> tras varios intentos</source>
        <translation> after several attempts</translation>
    </message>
    <message>
        <source>{where} no está disponible{tries}.</source>
        <translation>{where} is not available{tries}.</translation>
    </message>
    <message>
        <source>{where} no respondió a tiempo{tries}.</source>
        <translation>{where} did not answer in time{tries}.</translation>
    </message>
    <message>
        <source>{where} presentó un certificado que no es de confianza para este equipo{tries}.</source>
        <translation>{where} presented a certificate this computer does not trust{tries}.</translation>
    </message>
    <message>
        <source>{where} rechazó la conexión o no se alcanza{tries}.</source>
        <translation>{where} refused the connection or cannot be reached{tries}.</translation>
    </message>
    <message>
        <source>{where} cortó la conexión{tries}.</source>
        <translation>{where} cut the connection{tries}.</translation>
    </message>
    <message>
        <source>No hay token guardado para HubSpot (portal {portal}): guárdelo con «cuadre credentials set {source}».</source>
        <translation>No token is stored for HubSpot (portal {portal}): store it with «cuadre credentials set {source}».</translation>
    </message>
    <message>
        <source>El token guardado es de otro portal de HubSpot, no del {portal}.</source>
        <translation>The stored token belongs to another HubSpot portal, not {portal}.</translation>
    </message>
    <message>
        <source>Cuadre no lee {kind} de HubSpot.</source>
        <translation>Cuadre does not read {kind} from HubSpot.</translation>
    </message>
    <message>
        <source>HubSpot (portal {portal}) no tiene el objeto «{name}» para {kind}: nombre en el perfil el objeto personalizado que los guarda.</source>
        <translation>HubSpot (portal {portal}) has no object “{name}” for {kind}: name in the profile the custom object that holds them.</translation>
    </message>
    <message>
        <source>El mapeo de HubSpot nombra «{column}», que no es una columna de {value}.</source>
        <translation>The HubSpot mapping names “{column}”, which is not a column of {value}.</translation>
    </message>
    <message>
        <source>La fecha desde la que leer cambios debe llevar zona horaria.</source>
        <translation>The date to read changes from must carry a time zone.</translation>
    </message>
    <message>
        <source>HubSpot tiene más de 10.000 cambios en dos segundos: lea todo de nuevo, sin fecha desde.</source>
        <translation>HubSpot has more than 10,000 changes within two seconds: read everything again, without a since date.</translation>
    </message>
    <message>
        <source>HubSpot ({where}) no tiene ese registro (HTTP 404).</source>
        <translation>HubSpot ({where}) has no such record (HTTP 404).</translation>
    </message>
    <message>
        <source>HubSpot ({where}) rechazó la solicitud (HTTP {status}, {category}).</source>
        <translation>HubSpot ({where}) refused the request (HTTP {status}, {category}).</translation>
    </message>
    <message>
        <source>Referencia de HubSpot: {correlation}.</source>
        <translation>HubSpot reference: {correlation}.</translation>
    </message>
    <message>
        <source>{kinds} ni {last}</source>
        <translation>{kinds} or {last}</translation>
    </message>
    <message>
        <source>La dirección de Odoo debe ser http(s)://servidor[:puerto].</source>
        <translation>The Odoo address must be http(s)://server[:port].</translation>
    </message>
    <message>
        <source>El protocolo de Odoo debe ser «auto», «xmlrpc» o «json2».</source>
        <translation>The Odoo protocol must be «auto», «xmlrpc» or «json2».</translation>
    </message>
    <message>
        <source>XML-RPC o JSON-2</source>
        <translation>XML-RPC or JSON-2</translation>
    </message>
    <message>
        <source>Odoo {host} (base {database}, {via}, compañías {companies})</source>
        <translation>Odoo {host} (database {database}, {via}, companies {companies})</translation>
    </message>
    <message>
        <source>Odoo {host} (base {database}, {via})</source>
        <translation>Odoo {host} (database {database}, {via})</translation>
    </message>
    <message>
        <source>en Odoo, {kind} toman datos de otros modelos (el cliente, la factura): se leen enteros</source>
        <translation>in Odoo, {kind} take values from other models (the customer, the invoice): they are read whole</translation>
    </message>
    <message>
        <source>Cuadre no lee {kind} de Odoo.</source>
        <translation>Cuadre does not read {kind} from Odoo.</translation>
    </message>
    <message>
        <source>No hay clave guardada para Odoo {where}: guárdela con «cuadre credentials set odoo://USUARIO@SERVIDOR/BASE».</source>
        <translation>There is no key saved for Odoo {where}: save it with «cuadre credentials set odoo://USER@SERVER/DATABASE».</translation>
    </message>
    <message>
        <source>No se reconoce un servidor Odoo en {host}: no responde ni XML-RPC ni /web/version.</source>
        <translation>No Odoo server is recognized at {host}: it answers neither XML-RPC nor /web/version.</translation>
    </message>
    <message>
        <source>Odoo ({where}) no tiene el modelo «{model}»</source>
        <translation>Odoo ({where}) has no model «{model}»</translation>
    </message>
    <message>
        <source>: ¿está instalado el módulo {module}?</source>
        <translation>: is the module {module} installed?</translation>
    </message>
    <message>
        <source>«company_ids» debe ser una lista de números de compañía de Odoo.</source>
        <translation>«company_ids» must be a list of Odoo company numbers.</translation>
    </message>
    <message>
        <source>Los dominios de Odoo nombran «{key}», que no es {read}.</source>
        <translation>The Odoo domains name «{key}», which is not {read}.</translation>
    </message>
    <message>
        <source>Un dominio de Odoo es una lista: [[&quot;campo&quot;, &quot;=&quot;, valor], …].</source>
        <translation>An Odoo domain is a list: [[&quot;field&quot;, &quot;=&quot;, value], …].</translation>
    </message>
    <message>
        <source>El mapeo de Odoo nombra «{key}», que no es {read}.</source>
        <translation>The Odoo mapping names «{key}», which is not {read}.</translation>
    </message>
    <message>
        <source>El mapeo de Odoo es {{entidad: {{columna: campo de Odoo}}}}.</source>
        <translation>The Odoo mapping is {{entity: {{column: Odoo field}}}}.</translation>
    </message>
    <message>
        <source>El mapeo de Odoo nombra la columna «{column}», que no existe en {value}.</source>
        <translation>The Odoo mapping names the column «{column}», which does not exist in {value}.</translation>
    </message>
    <message>
        <source>El mapeo de Odoo no dice qué campo lee «{column}».</source>
        <translation>The Odoo mapping does not say which field «{column}» reads.</translation>
    </message>
    <message>
        <source>Odoo ({where}) no tiene el campo «{field}» en {model}: revise el mapeo.</source>
        <translation>Odoo ({where}) has no field «{field}» in {model}: check the mapping.</translation>
    </message>
    <message>
        <source>Odoo ({where}) rechazó el usuario o la clave API. Revise la clave guardada con «cuadre credentials set».</source>
        <translation>Odoo ({where}) refused the user or the API key. Check the key saved with «cuadre credentials set».</translation>
    </message>
    <message>
        <source>Odoo ({where}) no tiene permiso para esta operación (revise los permisos del usuario y sus compañías permitidas).</source>
        <translation>Odoo ({where}) has no permission for this operation (check the user&apos;s permissions and allowed companies).</translation>
    </message>
    <message>
        <source>Odoo ({where}) no encontró el registro (fue borrado o no es visible para este usuario).</source>
        <translation>Odoo ({where}) did not find the record (it was deleted or is not visible to this user).</translation>
    </message>
    <message>
        <source>Odoo ({where}) no permite cambiar un documento contable ya publicado.</source>
        <translation>Odoo ({where}) does not allow changing an accounting document already posted.</translation>
    </message>
    <message>
        <source>Odoo ({where}) rechazó la operación por una regla de negocio.</source>
        <translation>Odoo ({where}) refused the operation because of a business rule.</translation>
    </message>
    <message>
        <source>Odoo ({where}) no reconoce un campo o un argumento de la consulta (¿otra versión o un módulo no instalado?).</source>
        <translation>Odoo ({where}) does not recognize a field or an argument of the request (another version, or a module not installed?).</translation>
    </message>
    <message>
        <source>Odoo ({where}) aplicó la operación pero no pudo devolver su resultado por XML-RPC.</source>
        <translation>Odoo ({where}) applied the operation but could not return its result over XML-RPC.</translation>
    </message>
    <message>
        <source>Odoo ({where}) falló al atender la consulta.</source>
        <translation>Odoo ({where}) failed while serving the request.</translation>
    </message>
    <message>
        <source>{where} presentó un certificado que no es de confianza para este equipo.</source>
        <translation>{where} presented a certificate this computer does not trust.</translation>
    </message>
    <message>
        <source>La dirección de Odoo no es una URL http(s) válida.</source>
        <translation>The Odoo address is not a valid http(s) URL.</translation>
    </message>
    <message>
        <source>Odoo ({host}) no pudo abrir la base «{database}»: revise el nombre de la base de datos.</source>
        <translation>Odoo ({host}) could not open the database «{database}»: check the database&apos;s name.</translation>
    </message>
    <message>
        <source>Odoo ({host}, base {database}) rechazó el usuario o la clave API. Revise la clave guardada con «cuadre credentials set».</source>
        <translation>Odoo ({host}, database {database}) refused the user or the API key. Check the key saved with «cuadre credentials set».</translation>
    </message>
    <message>
        <source>{where} pide esperar {seconds} s antes de otra consulta. Intente más tarde.</source>
        <translation>{where} asks to wait {seconds} s before another request. Try again later.</translation>
    </message>
    <message>
        <source>{where} no existe en el servidor (HTTP 404): ¿es la dirección de Odoo, y ofrece XML-RPC?</source>
        <translation>{where} does not exist on the server (HTTP 404): is it the Odoo address, and does it offer XML-RPC?</translation>
    </message>
    <message>
        <source>{where} no respondió a tiempo (HTTP {status}).</source>
        <translation>{where} did not answer in time (HTTP {status}).</translation>
    </message>
    <message>
        <source>{where} no respondió XML-RPC válido.</source>
        <translation>{where} did not answer valid XML-RPC.</translation>
    </message>
    <message>
        <source>Odoo ({host}) no encontró la base «{database}» o no ofrece la API JSON-2 (Odoo 19 o posterior).</source>
        <translation>Odoo ({host}) did not find the database «{database}» or does not offer the JSON-2 API (Odoo 19 or later).</translation>
    </message>
    <message>
        <source>{where} no respondió JSON válido.</source>
        <translation>{where} did not answer valid JSON.</translation>
    </message>
    <message>
        <source>La fecha «{since}» no es una fecha ISO válida.</source>
        <translation>The date «{since}» is not a valid ISO date.</translation>
    </message>
    <message>
        <source>«desde» debe ser una fecha u hora.</source>
        <translation>«since» must be a date or a time.</translation>
    </message>
    <message>
        <source>No hay credenciales guardadas para {where}: guárdelas con «cuadre credentials set {base_url}».</source>
        <translation>There are no credentials saved for {where}: save them with «cuadre credentials set {base_url}».</translation>
    </message>
    <message>
        <source>La API {where} remite a otro servidor ({hostname}); por seguridad no se sigue.</source>
        <translation>The API {where} redirects to another server ({hostname}); for safety it is not followed.</translation>
    </message>
    <message>
        <source>La API {where} repite la misma página: revise la paginación en el perfil.</source>
        <translation>The API {where} repeats the same page: check the pagination in the profile.</translation>
    </message>
    <message>
        <source> en «{key}»</source>
        <translation> in «{key}»</translation>
    </message>
    <message>
        <source>La respuesta de {where} no trae una lista de registros{hint}: indique «items_key» en el perfil.</source>
        <translation>The answer of {where} carries no list of records{hint}: set «items_key» in the profile.</translation>
    </message>
    <message>
        <source>La respuesta de {where} no es un registro.</source>
        <translation>The answer of {where} is not a record.</translation>
    </message>
    <message>
        <source>El mapeo de {kind} debe ser un objeto JSON.</source>
        <translation>The mapping of {kind} must be a JSON object.</translation>
    </message>
    <message>
        <source>la API no filtra por fecha de cambio (since_param)</source>
        <translation>the API does not filter by change time (since_param)</translation>
    </message>
    <message>
        <source>la API no lista solo los identificadores (fields_param)</source>
        <translation>the API does not list the identifiers alone (fields_param)</translation>
    </message>
    <message>
        <source>en una API, {kind} pueden llevar datos de otros registros (el cliente, la factura): se leen enteros</source>
        <translation>in an API, {kind} may carry values of other records (the customer, the invoice): they are read whole</translation>
    </message>
    <message>
        <source>La opción «{name}» del perfil debe ser texto.</source>
        <translation>The profile&apos;s option «{name}» must be text.</translation>
    </message>
    <message>
        <source>La opción «{name}» del perfil debe ser un entero positivo.</source>
        <translation>The profile&apos;s option «{name}» must be a positive whole number.</translation>
    </message>
    <message>
        <source>La opción «{name}» del perfil debe ser un número positivo.</source>
        <translation>The profile&apos;s option «{name}» must be a positive number.</translation>
    </message>
    <message>
        <source>La opción «{name}» del perfil debe ser un objeto de textos.</source>
        <translation>The profile&apos;s option «{name}» must be an object of texts.</translation>
    </message>
    <message>
        <source>La autenticación «{auth}» no se conoce: use bearer, basic o none.</source>
        <translation>The authentication «{auth}» is not known: use bearer, basic or none.</translation>
    </message>
    <message>
        <source>La paginación «{pagination}» no se conoce: use auto, page, offset, link o none.</source>
        <translation>The pagination «{pagination}» is not known: use auto, page, offset, link or none.</translation>
    </message>
    <message>
        <source>La autenticación basic necesita la opción «username» en el perfil.</source>
        <translation>Basic authentication needs the option «username» in the profile.</translation>
    </message>
    <message>
        <source>Las credenciales no van en «headers» del perfil: se guardan con «cuadre credentials set».</source>
        <translation>Credentials do not go in the profile&apos;s «headers»: they are saved with «cuadre credentials set».</translation>
    </message>
    <message>
        <source>La fecha desde la cual traer cambios no es válida.</source>
        <translation>The date from which to bring changes is not valid.</translation>
    </message>
    <message>
        <source>{where} respondió algo que no es JSON válido.</source>
        <translation>{where} answered something that is not valid JSON.</translation>
    </message>
    <message>
        <source>Siigo entrega a lo sumo {n} registros por página: «page_size» debe estar entre 1 y {n}.</source>
        <translation>Siigo returns at most {n} records per page: «page_size» must be between 1 and {n}.</translation>
    </message>
    <message>
        <source>Siigo Nube no guarda {what}: Cuadre lee de Siigo clientes, pagos (recibos de caja) y facturas.</source>
        <translation>Siigo Nube does not keep {what}: Cuadre reads customers, payments (cash receipts) and invoices from Siigo.</translation>
    </message>
    <message>
        <source>El «partner_id» de Siigo debe tener entre 3 y 100 letras o números, sin espacios ni otros caracteres (el nombre de la aplicación que se integra, p. ej. «Cuadre»).</source>
        <translation>Siigo&apos;s «partner_id» must have 3 to 100 letters or digits, with no spaces or other characters (the name of the application being integrated, e.g. «Cuadre»).</translation>
    </message>
    <message>
        <source>No hay clave de acceso guardada para Siigo ({user}): guárdela con «cuadre credentials set FUENTE».</source>
        <translation>No access key is saved for Siigo ({user}): save it with «cuadre credentials set SOURCE».</translation>
    </message>
    <message>
        <source>Siigo rechazó el usuario o la clave de acceso ({user}). Revise la clave guardada.</source>
        <translation>Siigo refused the user or the access key ({user}). Check the saved key.</translation>
    </message>
    <message>
        <source>Siigo no entregó un token de acceso.</source>
        <translation>Siigo did not hand out an access token.</translation>
    </message>
    <message>
        <source>Siigo respondió una lista sin «results» en {where}.</source>
        <translation>Siigo answered a list without «results» at {where}.</translation>
    </message>
    <message>
        <source>Siigo rechazó la solicitud a {where} (HTTP {status}): {details}.</source>
        <translation>Siigo refused the request to {where} (HTTP {status}): {details}.</translation>
    </message>
    <message>
        <source>sin explicación</source>
        <translation>no explanation given</translation>
    </message>
    <message>
        <source>leer</source>
        <translation>read</translation>
    </message>
    <message>
        <source>una consulta se lee entera cada vez</source>
        <translation>a query is read whole every time</translation>
    </message>
    <message>
        <source>la tabla {name} no tiene columna de identificador (id_column)</source>
        <translation>the table {name} has no identifier column (id_column)</translation>
    </message>
    <message>
        <source>la tabla {name} no tiene columna de fecha de cambio (updated_column)</source>
        <translation>the table {name} has no change-time column (updated_column)</translation>
    </message>
    <message>
        <source>tabla {name}</source>
        <translation>table {name}</translation>
    </message>
    <message>
        <source>consulta de {kind}</source>
        <translation>query for {kind}</translation>
    </message>
    <message>
        <source>Opciones desconocidas para una base de datos: {join}. Opciones válidas: {join2}.</source>
        <translation>Unknown options for a database: {join}. Valid options: {join2}.</translation>
    </message>
    <message>
        <source>La consulta de {kind}</source>
        <translation>The query for {kind}</translation>
    </message>
    <message>
        <source>Para {join} se indicó una tabla y también una consulta: deje solo una.</source>
        <translation>For {join} both a table and a query were given: keep only one.</translation>
    </message>
    <message>
        <source>base de datos {system} {where}</source>
        <translation>{system} database {where}</translation>
    </message>
    <message>
        <source>abrir</source>
        <translation>open</translation>
    </message>
    <message>
        <source>No se encontró una tabla de {entity_name} en {describe} (se buscó {join}). Indique la tabla (tables) o una consulta (queries) en el perfil. Tablas: {listed}.</source>
        <translation>No table of {entity_name} was found in {describe} (looked for {join}). Give the table (tables) or a query (queries) in the profile. Tables: {listed}.</translation>
    </message>
    <message>
        <source>No existe la tabla «{named}» en {describe}: revise el nombre de la tabla de {entity_name}.</source>
        <translation>The table «{named}» does not exist in {describe}: check the name of the table of {entity_name}.</translation>
    </message>
    <message>
        <source>La {name} devuelve varias columnas llamadas {join}: deles nombres distintos con AS.</source>
        <translation>The {name} returns several columns named {join}: give them different names with AS.</translation>
    </message>
    <message>
        <source>La {name} no tiene la columna «{chosen}» indicada como identificador. Columnas: {join}.</source>
        <translation>The {name} has no column «{chosen}», given as the identifier. Columns: {join}.</translation>
    </message>
    <message>
        <source>La {name} no tiene la columna «{chosen}» indicada como fecha de actualización. Columnas: {join}.</source>
        <translation>The {name} has no column «{chosen}», given as the update date. Columns: {join}.</translation>
    </message>
    <message>
        <source>contar</source>
        <translation>count</translation>
    </message>
    <message>
        <source>La {name} no tiene una columna de identificador: indíquela en el perfil (id_column).</source>
        <translation>The {name} has no identifier column: give it in the profile (id_column).</translation>
    </message>
    <message>
        <source>No se encuentra el archivo de base de datos {name} (en {parent}).</source>
        <translation>The database file {name} cannot be found (in {parent}).</translation>
    </message>
    <message>
        <source>connect_args debe ser un objeto {{opción: valor}}.</source>
        <translation>connect_args must be an object {{option: value}}.</translation>
    </message>
    <message>
        <source>La URL de base de datos {describe} o sus opciones no son válidas.</source>
        <translation>The database URL {describe} or its options are not valid.</translation>
    </message>
    <message>
        <source>base de datos</source>
        <translation>database</translation>
    </message>
    <message>
        <source>No existe la tabla en {describe}.</source>
        <translation>The table does not exist in {describe}.</translation>
    </message>
    <message>
        <source>No se pudo {action} en {describe}.</source>
        <translation>Could not {action} in {describe}.</translation>
    </message>
    <message>
        <source> (código {code})</source>
        <translation> (code {code})</translation>
    </message>
    <message>
        <source>{where} pide una contraseña y no hay una guardada para esta fuente: guárdela con {credentials}.</source>
        <translation>{where} asks for a password and none is saved for this source: save it with {credentials}.</translation>
    </message>
    <message>
        <source>{where} rechazó el usuario o la contraseña. Revise el usuario de la URL y actualice la contraseña con {credentials}.</source>
        <translation>{where} refused the user or the password. Check the user in the URL and update the password with {credentials}.</translation>
    </message>
    <message>
        <source>No existe la base de datos «{database}» en el servidor de {where}.</source>
        <translation>The database «{database}» does not exist on the server of {where}.</translation>
    </message>
    <message>
        <source>Al {action} la {what}: una columna no existe en {where}{note}. Revise la consulta o el mapeo del perfil.</source>
        <translation>On trying to {action} the {what}: a column does not exist in {where}{note}. Check the query or the profile&apos;s mapping.</translation>
    </message>
    <message>
        <source>Al {action} la {what}: una tabla no existe en {where}{note}. Revise el nombre de la tabla o la consulta del perfil.</source>
        <translation>On trying to {action} the {what}: a table does not exist in {where}{note}. Check the table&apos;s name or the profile&apos;s query.</translation>
    </message>
    <message>
        <source>La {what} intentó modificar datos en {where}: solo se permiten consultas de lectura.</source>
        <translation>The {what} tried to modify data in {where}: only read queries are allowed.</translation>
    </message>
    <message>
        <source>El usuario no tiene permiso para {action} la {what} en {where}{note}.</source>
        <translation>The user has no permission to {action} the {what} in {where}{note}.</translation>
    </message>
    <message>
        <source>La {what} tiene un error de sintaxis{note}: revise la consulta.</source>
        <translation>The {what} has a syntax error{note}: check the query.</translation>
    </message>
    <message>
        <source>{where} no es un archivo de base de datos SQLite.</source>
        <translation>{where} is not an SQLite database file.</translation>
    </message>
    <message>
        <source>{where} está bloqueada por otro programa: intente de nuevo.</source>
        <translation>{where} is locked by another program: try again.</translation>
    </message>
    <message>
        <source>No se pudo conectar con {where}: revise que el servidor esté encendido y la dirección y el puerto{note}.</source>
        <translation>Could not connect to {where}: check that the server is on, and the address and the port{note}.</translation>
    </message>
    <message>
        <source>{where} devolvió un error al {action} la {what}{note}.</source>
        <translation>{where} returned an error on trying to {action} the {what}{note}.</translation>
    </message>
    <message>
        <source>La URL de base de datos no es válida (ejemplo: postgresql://usuario@servidor:5432/base).</source>
        <translation>The database URL is not valid (example: postgresql://user@server:5432/database).</translation>
    </message>
    <message>
        <source>La URL de base de datos no debe llevar la contraseña: guárdela con «cuadre credentials set FUENTE».</source>
        <translation>The database URL must not carry the password: save it with «cuadre credentials set SOURCE».</translation>
    </message>
    <message>
        <source>Para leer SQL Server instale el controlador pyodbc («pip install pyodbc») y el «ODBC Driver 18 for SQL Server» de Microsoft, y vuelva a intentar.</source>
        <translation>To read SQL Server, install the pyodbc driver («pip install pyodbc») and Microsoft&apos;s «ODBC Driver 18 for SQL Server», and try again.</translation>
    </message>
    <message>
        <source>No está instalado el controlador de base de datos para «{driver}»: instale el controlador indicado o use otro en la URL.</source>
        <translation>The database driver for «{driver}» is not installed: install that driver or name another in the URL.</translation>
    </message>
    <message>
        <source>La opción {option} debe ser un objeto {{entidad: valor}}.</source>
        <translation>The option {option} must be an object {{entity: value}}.</translation>
    </message>
    <message>
        <source>En {option}, «{key}» no es una entidad ({join}).</source>
        <translation>In {option}, «{key}» is not an entity ({join}).</translation>
    </message>
    <message>
        <source>En {option}, el valor de {key} debe ser un texto.</source>
        <translation>In {option}, the value of {key} must be a text.</translation>
    </message>
    <message>
        <source>El mapeo de una base de datos va por entidad: {{&quot;customers&quot;: {{&quot;doc_number&quot;: &quot;cedula&quot;}}, …}}; «{key}» no es una entidad.</source>
        <translation>A database mapping goes by entity: {{&quot;customers&quot;: {{&quot;doc_number&quot;: &quot;cedula&quot;}}, …}}; «{key}» is not an entity.</translation>
    </message>
    <message>
        <source>El mapeo de {key} debe ser un objeto {{campo: columna}}.</source>
        <translation>The mapping of {key} must be an object {{field: column}}.</translation>
    </message>
    <message>
        <source>chunk_size debe ser un número entero positivo de filas.</source>
        <translation>chunk_size must be a positive whole number of rows.</translation>
    </message>
    <message>
        <source>La opción «orders» del perfil debe ser un objeto con table, ref_column y columns (columna: origen), con orígenes ref, vehicle_id, vin, customer_doc, price, branch, now o =TEXTO.</source>
        <translation>The profile&apos;s «orders» option must be an object with table, ref_column and columns (column: source), with sources ref, vehicle_id, vin, customer_doc, price, branch, now or =TEXT.</translation>
    </message>
    <message>
        <source>solo se permite una instrucción SELECT (o WITH … SELECT) de lectura.</source>
        <translation>only one read-only SELECT (or WITH … SELECT) statement is allowed.</translation>
    </message>
    <message>
        <source>{what} tiene comillas o un comentario sin cerrar.</source>
        <translation>{what} has an unclosed quote or comment.</translation>
    </message>
    <message>
        <source>{what} está vacía.</source>
        <translation>{what} is empty.</translation>
    </message>
    <message>
        <source>{what} tiene más de una instrucción: {rule}</source>
        <translation>{what} has more than one statement: {rule}</translation>
    </message>
    <message>
        <source>{what} empieza por «{upper}»: {rule}</source>
        <translation>{what} begins with «{upper}»: {rule}</translation>
    </message>
    <message>
        <source>{what} contiene «{upper}»: {rule}</source>
        <translation>{what} contains «{upper}»: {rule}</translation>
    </message>
    <message>
        <source>La fecha «{since}» no es válida para traer solo lo cambiado.</source>
        <translation>The date «{since}» is not valid for bringing only what changed.</translation>
    </message>
    <message>
        <source>«since» debe ser una fecha y hora.</source>
        <translation>«since» must be a date and time.</translation>
    </message>
    <message>
        <source>corregir</source>
        <translation>correct</translation>
    </message>
</context>
<context>
    <name>app.count</name>
    <message>
        <source>{branch}: {expected} vehículos en el patio según el ERP, {counted} VIN contados, {confirmed} confirmados</source>
        <translation>{branch}: {expected} vehicles in the yard according to the ERP, {counted} VINs counted, {confirmed} confirmed</translation>
    </message>
    <message>
        <source>Conteo</source>
        <translation>Count</translation>
    </message>
</context>
<context>
    <name>app.domain</name>
    <message>
        <source>La fuente no debe llevar la contraseña escrita: guárdela con «cuadre credentials set FUENTE» (queda en el almacén seguro del sistema).</source>
        <translation>The source must not carry the password written in it: save it with «cuadre credentials set SOURCE» (it stays in the system&apos;s secure store).</translation>
    </message>
    <message>
        <source>Una fuente {service} se escribe {example} (o {service}+https://USUARIO@SERVIDOR para otro servidor).</source>
        <translation>A {service} source is written {example} (or {service}+https://USER@SERVER for another server).</translation>
    </message>
    <message>
        <source>La fuente no debe llevar parámetros (?…).</source>
        <translation>The source must not carry parameters (?…).</translation>
    </message>
    <message>
        <source>El usuario de Alegra es su correo: alegra://CORREO@empresa.</source>
        <translation>The Alegra user is their e-mail: alegra://EMAIL@company.</translation>
    </message>
    <message>
        <source>Después de la @ va el nombre de la empresa (letras, números, - o _), no un servidor: {example}.</source>
        <translation>After the @ comes the company&apos;s name (letters, digits, - or _), not a server: {example}.</translation>
    </message>
    <message>
        <source>El puerto de la fuente no es válido.</source>
        <translation>The source&apos;s port is not valid.</translation>
    </message>
    <message>
        <source>Una fuente {service} en otro servidor se escribe {scheme}://USUARIO@SERVIDOR:PUERTO, sin ruta.</source>
        <translation>A {service} source on another server is written {scheme}://USER@SERVER:PORT, without a path.</translation>
    </message>
    <message>
        <source>Sin TLS ({scheme}://) solo se admite en este equipo (127.0.0.1): la clave viajaría sin cifrar. Use {service}+https://.</source>
        <translation>Without TLS ({scheme}://) only this computer (127.0.0.1) is accepted: the key would travel unencrypted. Use {service}+https://.</translation>
    </message>
    <message>
        <source>hora de Colombia</source>
        <translation>Colombia time</translation>
    </message>
    <message>
        <source>hora de {place}</source>
        <translation>{place} time</translation>
    </message>
    <message>
        <source>Indique la fuente: un archivo, una URL de base de datos, una URL http(s) o odoo://usuario@servidor/base.</source>
        <translation>Give the source: a file, a database URL, an http(s) URL or odoo://user@server/database.</translation>
    </message>
    <message>
        <source>No se reconoce el tipo de fuente «{scheme}://». Use un archivo, una URL de base de datos (sqlite, postgresql, mysql, mssql), http(s):// o odoo://.</source>
        <translation>The source type «{scheme}://» is not recognized. Use a file, a database URL (sqlite, postgresql, mysql, mssql), http(s):// or odoo://.</translation>
    </message>
    <message>
        <source>La URL http(s) no debe llevar usuario: se configura en el perfil.</source>
        <translation>The http(s) URL must not carry a user: it is set in the profile.</translation>
    </message>
    <message>
        <source>La URL no tiene servidor: escríbala como {scheme}://SERVIDOR/ruta.</source>
        <translation>The URL has no server: write it as {scheme}://SERVER/path.</translation>
    </message>
    <message>
        <source>La URL base no debe llevar parámetros (?…): pueden contener secretos. Configure la paginación en el perfil.</source>
        <translation>The base URL must not carry parameters (?…): they may hold secrets. Set the paging in the profile.</translation>
    </message>
    <message>
        <source>Una fuente Odoo se escribe odoo://USUARIO@SERVIDOR:PUERTO/BASE (odoo+https:// con TLS).</source>
        <translation>An Odoo source is written odoo://USER@SERVER:PORT/DATABASE (odoo+https:// with TLS).</translation>
    </message>
    <message>
        <source>Indique la base de datos de Odoo: odoo://USUARIO@SERVIDOR/BASE.</source>
        <translation>Give the Odoo database: odoo://USER@SERVER/DATABASE.</translation>
    </message>
    <message>
        <source>Una fuente HubSpot se escribe hubspot://PORTAL, con el número de la cuenta (Hub ID), por ejemplo hubspot://12345678.</source>
        <translation>A HubSpot source is written hubspot://PORTAL, with the account&apos;s number (Hub ID), for example hubspot://12345678.</translation>
    </message>
    <message>
        <source>La URL de base de datos no es válida (ejemplo: postgresql://usuario@servidor:5432/base).</source>
        <translation>The database URL is not valid (for example: postgresql://user@server:5432/database).</translation>
    </message>
</context>
<context>
    <name>app.findings</name>
    <message>
        <source>Este hallazgo no es un registro sin contraparte: no tiene candidatos para conciliar a mano.</source>
        <translation>This finding is not a record without a counterpart: it has no candidates to match by hand.</translation>
    </message>
    <message>
        <source>Este hallazgo ya no espera contraparte (resuelto o conciliado a mano).</source>
        <translation>This finding no longer awaits a counterpart (resolved or matched by hand).</translation>
    </message>
    <message>
        <source>Una conciliación a mano lleva un comentario (--comment).</source>
        <translation>A manual match needs a comment (--comment).</translation>
    </message>
    <message>
        <source>conciliar a mano</source>
        <translation>match by hand</translation>
    </message>
    <message>
        <source>deshacer conciliaciones a mano</source>
        <translation>undo manual matches</translation>
    </message>
    <message>
        <source>El hallazgo no está conciliado a mano.</source>
        <translation>The finding is not matched by hand.</translation>
    </message>
    <message>
        <source>Motivo desconocido «{reason}».</source>
        <translation>Unknown reason «{reason}».</translation>
    </message>
    <message>
        <source>No hay ningún hallazgo con el id «{id}» en «{workspace}».</source>
        <translation>There is no finding with the id «{id}» in «{workspace}».</translation>
    </message>
    <message>
        <source>Elija al menos un candidato del otro sistema.</source>
        <translation>Pick at least one candidate from the other system.</translation>
    </message>
    <message>
        <source>«{id}» no es un registro solo del otro sistema en {entity}: no se puede conciliar con este.</source>
        <translation>«{id}» is not a record only in the other system in {entity}: it cannot be matched with this one.</translation>
    </message>
    <message>
        <source>Clientes y vehículos se concilian uno con uno.</source>
        <translation>Customers and vehicles are matched one to one.</translation>
    </message>
    <message>
        <source>El hallazgo «{id}» no es un registro sin contraparte que se pueda conciliar a mano.</source>
        <translation>The finding «{id}» is not a record without a counterpart that can be matched by hand.</translation>
    </message>
    <message>
        <source>El hallazgo «{id}» ya no aparece en la última conciliación.</source>
        <translation>The finding «{id}» no longer appears in the latest reconciliation.</translation>
    </message>
    <message>
        <source>El hallazgo «{id}» ya está conciliado a mano.</source>
        <translation>The finding «{id}» is already matched by hand.</translation>
    </message>
    <message>
        <source>El registro del hallazgo «{id}» no tiene valor: no se puede conciliar por valor.</source>
        <translation>The record of the finding «{id}» has no amount: it cannot be matched by amount.</translation>
    </message>
    <message>
        <source>La diferencia de {amount} es mayor de lo que explica un redondeo, una comisión bancaria o una retención: no son el mismo dinero. Explique el hallazgo o corrija el valor.</source>
        <translation>The difference of {amount} is more than a rounding, a bank fee or a withholding explains: it is not the same money. Explain the finding or correct the amount.</translation>
    </message>
    <message>
        <source>Los valores difieren en {amount}: diga el motivo (--reason), uno de: {reasons}.</source>
        <translation>The amounts differ by {amount}: give the reason (--reason), one of: {reasons}.</translation>
    </message>
    <message>
        <source>«{reason}» no explica una diferencia de {amount}; puede ser: {reasons}.</source>
        <translation>«{reason}» does not explain a difference of {amount}; it may be: {reasons}.</translation>
    </message>
    <message>
        <source>Falta el usuario.</source>
        <translation>The login is missing.</translation>
    </message>
    <message>
        <source>o</source>
        <translation>or</translation>
    </message>
    <message>
        <source>«{login}» no puede {doing}: hace falta el rol {roles}.</source>
        <translation>«{login}» cannot {doing}: the role {roles} is needed.</translation>
    </message>
    <message>
        <source>todas las sedes</source>
        <translation>all branches</translation>
    </message>
    <message>
        <source>El mes «{month}» no es válido: escríbalo como AAAA-MM (2026-11).</source>
        <translation>The month «{month}» is not valid: write it as YYYY-MM (2026-11).</translation>
    </message>
    <message>
        <source>«{entity}» no es una entidad conciliada (customers, payments, vehicles).</source>
        <translation>«{entity}» is not a reconciled entity (customers, payments, vehicles).</translation>
    </message>
    <message>
        <source>No hay ningún cierre con el id «{id}».</source>
        <translation>There is no closing with the id «{id}».</translation>
    </message>
    <message>
        <source>El periodo {period} está cerrado (certificado por {login}): reábralo primero (cuadre period reopen).</source>
        <translation>The period {period} is closed (certified by {login}): reopen it first (cuadre period reopen).</translation>
    </message>
    <message>
        <source>El mes {month} aún no termina: se certifica desde el día siguiente a su cierre.</source>
        <translation>The month {month} has not ended yet: it can be certified from the day after it closes.</translation>
    </message>
    <message>
        <source>certificar un periodo</source>
        <translation>certify a period</translation>
    </message>
    <message>
        <source>El periodo {period} ya está certificado.</source>
        <translation>The period {period} is already certified.</translation>
    </message>
    <message>
        <source>firmar el cierre de un periodo</source>
        <translation>sign off a period&apos;s closing</translation>
    </message>
    <message>
        <source>El cierre está {state}: solo se firma uno certificado.</source>
        <translation>The closing is {state}: only a certified one is signed off.</translation>
    </message>
    <message>
        <source>«{login}» certificó este periodo: lo firma otra persona (maker-checker).</source>
        <translation>«{login}» certified this period: someone else signs it off (maker-checker).</translation>
    </message>
    <message>
        <source>Desde la certificación, {n} hallazgos de {period} volvieron a quedar abiertos ({ids}): reabra el cierre y certifíquelo de nuevo.</source>
        <translation>Since the certification, {n} findings of {period} are open again ({ids}): reopen the closing and certify it again.</translation>
    </message>
    <message>
        <source>Diga por qué se reabre el periodo (--comment).</source>
        <translation>Say why the period is reopened (--comment).</translation>
    </message>
    <message>
        <source>reabrir un periodo</source>
        <translation>reopen a period</translation>
    </message>
    <message>
        <source>El cierre ya estaba reabierto.</source>
        <translation>The closing was already reopened.</translation>
    </message>
    <message>
        <source>certificado</source>
        <translation>certified</translation>
    </message>
    <message>
        <source>firmado</source>
        <translation>signed off</translation>
    </message>
    <message>
        <source>reabierto</source>
        <translation>reopened</translation>
    </message>
    <message>
        <source>La última conciliación de {entity} en «{workspace}» se guardó antes de terminar el mes {month}: concilie de nuevo y revise lo que encuentre antes de certificar.</source>
        <translation>The latest reconciliation of {entity} in «{workspace}» was saved before the month {month} ended: reconcile again and review what it finds before certifying.</translation>
    </message>
    <message>
        <source>No hay conciliaciones guardadas de {entity} en «{workspace}».</source>
        <translation>There are no saved reconciliations of {entity} in «{workspace}».</translation>
    </message>
    <message>
        <source>Quedan {n} hallazgos sin explicar, corregir, conciliar ni resolver en {period} ({ids}): «cuadre findings list --month {month} --entity {entity}» los muestra.</source>
        <translation>{n} findings in {period} are still not explained, corrected, matched or resolved ({ids}): «cuadre findings list --month {month} --entity {entity}» shows them.</translation>
    </message>
    <message>
        <source>No hay conciliaciones guardadas en «{workspace}»: «cuadre workspace reconcile …» guarda una.</source>
        <translation>There are no saved reconciliations in «{workspace}»: «cuadre workspace reconcile …» saves one.</translation>
    </message>
    <message>
        <source>No hay conciliaciones guardadas: «cuadre workspace reconcile …» guarda una.</source>
        <translation>There are no saved reconciliations: «cuadre workspace reconcile …» saves one.</translation>
    </message>
    <message>
        <source>asignar hallazgos</source>
        <translation>assign findings</translation>
    </message>
    <message>
        <source>«{login}» no está registrado con un rol para trabajar hallazgos (propone, aprueba o administra).</source>
        <translation>«{login}» is not registered with a role to work on findings (proposes, approves or administers).</translation>
    </message>
    <message>
        <source>Una explicación lleva un comentario (--comment).</source>
        <translation>An explanation needs a comment (--comment).</translation>
    </message>
    <message>
        <source>explicar hallazgos</source>
        <translation>explain findings</translation>
    </message>
    <message>
        <source>El hallazgo está conciliado a mano: deshaga la conciliación antes de explicarlo.</source>
        <translation>The finding is matched by hand: undo the match before explaining it.</translation>
    </message>
    <message>
        <source>reabrir hallazgos</source>
        <translation>reopen findings</translation>
    </message>
    <message>
        <source>El hallazgo está conciliado a mano: se reabre deshaciendo la conciliación (unmatch).</source>
        <translation>The finding is matched by hand: it is reopened by undoing the match (unmatch).</translation>
    </message>
    <message>
        <source>El hallazgo ya está abierto.</source>
        <translation>The finding is already open.</translation>
    </message>
    <message>
        <source>Otra persona cambió este hallazgo mientras tanto: vuelva a leerlo.</source>
        <translation>Someone else changed this finding in the meantime: read it again.</translation>
    </message>
    <message>
        <source>El hallazgo ya no aparece en la última conciliación (resuelto): no hay nada que hacer con él.</source>
        <translation>The finding no longer appears in the latest reconciliation (resolved): there is nothing to do with it.</translation>
    </message>
</context>
<context>
    <name>app.insights</name>
    <message>
        <source>La persona tiene un reclamo en trámite (Ley 1581): no se le contacta hasta que se resuelva.</source>
        <translation>The person has a complaint in progress (Ley 1581): they are not contacted until it is resolved.</translation>
    </message>
    <message>
        <source>No hay autorización de tratamiento de datos con fecha (Ley 1581): no se le puede contactar.</source>
        <translation>There is no dated authorization to process their data (Ley 1581): they cannot be contacted.</translation>
    </message>
    <message>
        <source>El cliente no está en el CRM, donde se crearía el seguimiento.</source>
        <translation>The customer is not in the CRM, where the follow-up would be created.</translation>
    </message>
    <message>
        <source>reservados</source>
        <translation>reserved</translation>
    </message>
    <message>
        <source>vendidos</source>
        <translation>sold</translation>
    </message>
    <message>
        <source>entregados</source>
        <translation>delivered</translation>
    </message>
    <message>
        <source>en tránsito</source>
        <translation>in transit</translation>
    </message>
    <message>
        <source>de exhibición</source>
        <translation>demo units</translation>
    </message>
    <message>
        <source>disponibles pero asignados a un cliente o negocio</source>
        <translation>available but assigned to a customer or deal</translation>
    </message>
    <message>
        <source>con otro estado o sin estado</source>
        <translation>with another status or none</translation>
    </message>
    <message>
        <source>La fuente del ERP no entrega el inventario de vehículos</source>
        <translation>The ERP&apos;s source does not provide the vehicle stock</translation>
    </message>
    <message>
        <source>no hay feed de anuncios</source>
        <translation>there is no ads feed</translation>
    </message>
    <message>
        <source>el ERP lo lista {n} veces y no todas como disponible: no se publica hasta que el ERP lo aclare</source>
        <translation>the ERP lists it {n} times and not always as available: not published until the ERP settles it</translation>
    </message>
    <message>
        <source>{records} vehículos en el ERP: {written} en el archivo, {omitted} omitidos, {other} no disponibles o reservados.</source>
        <translation>{records} vehicles in the ERP: {written} in the file, {omitted} left out, {other} not available or reserved.</translation>
    </message>
    <message>
        <source>No se ofrecen: {list}.</source>
        <translation>Not offered: {list}.</translation>
    </message>
    <message>
        <source>Aviso: el VIN {vin} aparece {n} veces en el ERP; se cuenta una sola vez.</source>
        <translation>Warning: VIN {vin} appears {n} times in the ERP; it is counted once.</translation>
    </message>
    <message>
        <source>Disponibles por modelo:</source>
        <translation>Available per model:</translation>
    </message>
    <message>
        <source>(y {n} modelos más)</source>
        <translation>(and {n} more models)</translation>
    </message>
    <message>
        <source>Omitidos ({n}):</source>
        <translation>Left out ({n}):</translation>
    </message>
    <message>
        <source>No hay configuración del feed en {path}: de ese archivo salen las direcciones de las sedes, las fotos y la página de cada vehículo (vea «Feed de anuncios» en el README).</source>
        <translation>There are no feed settings at {path}: that file gives the branches&apos; addresses, the photos and each vehicle&apos;s page (see «Stock feed for ads» in the README).</translation>
    </message>
    <message>
        <source>el dígito de control del VIN (posición 9) no cuadra, y en un VIN norteamericano es obligatorio</source>
        <translation>the VIN check digit (position 9) does not match, and a North-American VIN requires it</translation>
    </message>
    <message>
        <source>el VIN no tiene 17 caracteres válidos (sin I, O ni Q)</source>
        <translation>the VIN does not have 17 valid characters (no I, O or Q)</translation>
    </message>
    <message>
        <source>sin marca o modelo en el ERP</source>
        <translation>no make or model in the ERP</translation>
    </message>
    <message>
        <source>sin año modelo de cuatro cifras en el ERP</source>
        <translation>no four-digit model year in the ERP</translation>
    </message>
    <message>
        <source>sin precio en el ERP</source>
        <translation>no price in the ERP</translation>
    </message>
    <message>
        <source>no se sabe si es nuevo o usado</source>
        <translation>not known whether it is new or used</translation>
    </message>
    <message>
        <source>usado sin kilometraje (ni en el archivo de fotos ni en el taller)</source>
        <translation>used with no mileage (neither in the photos file nor from the workshop)</translation>
    </message>
    <message>
        <source>sin foto (image_link) en el archivo de fotos</source>
        <translation>no photo (image_link) in the photos file</translation>
    </message>
    <message>
        <source>falta la página de los vehículos (vehicle_url) en la configuración</source>
        <translation>the vehicles&apos; page (vehicle_url) is missing from the settings</translation>
    </message>
    <message>
        <source>sin color en el ERP (Meta exige exterior_color)</source>
        <translation>no color in the ERP (Meta requires exterior_color)</translation>
    </message>
    <message>
        <source>a la sede «{branch}» le falta {parts} de su dirección</source>
        <translation>branch «{branch}» lacks {parts} of its address</translation>
    </message>
    <message>
        <source>la sede «{branch}» no tiene código de tienda (store_code) en la configuración</source>
        <translation>branch «{branch}» has no store code (store_code) in the settings</translation>
    </message>
    <message>
        <source>la sede «{branch}» no está en la configuración del feed</source>
        <translation>branch «{branch}» is not in the feed settings</translation>
    </message>
    <message>
        <source>nuevo</source>
        <translation>new</translation>
    </message>
    <message>
        <source>usado</source>
        <translation>used</translation>
    </message>
    <message>
        <source>{vehicle} {year} {state}, color {color}. Disponible en {branch}.</source>
        <translation>{vehicle} {year} {state}, color {color}. Available at {branch}.</translation>
    </message>
    <message>
        <source>No existe el archivo de configuración del feed {path}</source>
        <translation>The feed settings file {path} does not exist</translation>
    </message>
    <message>
        <source>El archivo de configuración del feed {path} no es JSON válido en UTF-8</source>
        <translation>The feed settings file {path} is not valid JSON in UTF-8</translation>
    </message>
    <message>
        <source>debe ser un objeto {…}</source>
        <translation>it must be an object {…}</translation>
    </message>
    <message>
        <source>«vehicle_url» debe ser una dirección http(s) que contenga {vin}</source>
        <translation>«vehicle_url» must be an http(s) address containing {vin}</translation>
    </message>
    <message>
        <source>«condition» debe ser new (nuevo) o used (usado)</source>
        <translation>«condition» must be new or used</translation>
    </message>
    <message>
        <source>el estilo «{style}» de «{model}» no es uno de {styles}</source>
        <translation>the style «{style}» of «{model}» is not one of {styles}</translation>
    </message>
    <message>
        <source>No existe el archivo de fotos de los vehículos {path}</source>
        <translation>The vehicles&apos; photos file {path} does not exist</translation>
    </message>
    <message>
        <source>El archivo de fotos de los vehículos {path} no se puede leer como texto UTF-8</source>
        <translation>The vehicles&apos; photos file {path} cannot be read as UTF-8 text</translation>
    </message>
    <message>
        <source>El archivo de fotos {path} no tiene la columna «vin»</source>
        <translation>The photos file {path} has no «vin» column</translation>
    </message>
    <message>
        <source>el enlace de la foto no es una dirección http(s)</source>
        <translation>the photo&apos;s link is not an http(s) address</translation>
    </message>
    <message>
        <source>el estado «{value}» no es nuevo ni usado</source>
        <translation>the state «{value}» is neither new nor used</translation>
    </message>
    <message>
        <source>el kilometraje «{value}» no es un número entero</source>
        <translation>the mileage «{value}» is not a whole number</translation>
    </message>
    <message>
        <source>la sede «{name}» debe ser un objeto {{…}}</source>
        <translation>branch «{name}» must be an object {{…}}</translation>
    </message>
    <message>
        <source>el país de la sede «{name}» debe ser su código de dos letras (CO)</source>
        <translation>the country of branch «{name}» must be its two-letter code (CO)</translation>
    </message>
    <message>
        <source>«{key}» debe ser un texto</source>
        <translation>«{key}» must be a text</translation>
    </message>
    <message>
        <source>«{key}» debe ser un objeto {{…}}</source>
        <translation>«{key}» must be an object {{…}}</translation>
    </message>
    <message>
        <source>La configuración del feed {path} no sirve: {what}</source>
        <translation>The feed settings {path} cannot be used: {what}</translation>
    </message>
    <message>
        <source>los seguimientos posventa no se pueden calcular</source>
        <translation>the after-sales follow-ups cannot be computed</translation>
    </message>
    <message>
        <source>La fuente del CRM no entrega seguimientos</source>
        <translation>The CRM&apos;s source does not provide follow-ups</translation>
    </message>
    <message>
        <source>el embudo no se puede calcular</source>
        <translation>the funnel cannot be computed</translation>
    </message>
    <message>
        <source>La fuente del CRM no entrega negocios</source>
        <translation>The CRM&apos;s source does not provide deals</translation>
    </message>
    <message>
        <source>La fuente del ERP no entrega facturas</source>
        <translation>The ERP&apos;s source does not provide invoices</translation>
    </message>
    <message>
        <source>La fuente del ERP no entrega recibos de caja</source>
        <translation>The ERP&apos;s source does not provide cash receipts</translation>
    </message>
    <message>
        <source>la probabilidad de renovación no se puede calcular</source>
        <translation>the renewal likelihood cannot be computed</translation>
    </message>
    <message>
        <source>Las fuentes no entregan clientes (sin su autorización no se les contacta)</source>
        <translation>The sources do not provide customers (without their authorization they are not contacted)</translation>
    </message>
    <message>
        <source>Entregado el {day}: {age}</source>
        <translation>Delivered on {day}: {age}</translation>
    </message>
    <message>
        <source>Modelo {year}, sin fecha de entrega: ≈ {age}</source>
        <translation>Model {year}, no delivery date: ≈ {age}</translation>
    </message>
    <message>
        <source>El crédito termina este mes, el {day}</source>
        <translation>The loan ends this month, on {day}</translation>
    </message>
    <message>
        <source>El crédito termina pronto, el {day}</source>
        <translation>The loan ends soon, on {day}</translation>
    </message>
    <message>
        <source>El crédito terminó el {day}: ya no paga cuotas</source>
        <translation>The loan ended on {day}: no more instalments</translation>
    </message>
    <message>
        <source>1 visita al taller en los últimos {years} años</source>
        <translation>1 workshop visit in the last {years} years</translation>
    </message>
    <message>
        <source>{n} visitas al taller en los últimos {years} años</source>
        <translation>{n} workshop visits in the last {years} years</translation>
    </message>
    <message>
        <source>Última visita al taller el {day}</source>
        <translation>Last workshop visit on {day}</translation>
    </message>
    <message>
        <source>Último contacto el {day}: un seguimiento hecho en el CRM</source>
        <translation>Last contact on {day}: a follow-up done in the CRM</translation>
    </message>
    <message>
        <source>Último contacto el {day}: movimiento en un negocio del CRM</source>
        <translation>Last contact on {day}: activity on a CRM deal</translation>
    </message>
    <message>
        <source>1 año</source>
        <translation>1 year</translation>
    </message>
    <message>
        <source>{n} años</source>
        <translation>{n} years</translation>
    </message>
    <message>
        <source>la salud del inventario no se puede calcular</source>
        <translation>the stock health cannot be computed</translation>
    </message>
    <message>
        <source>sin modelo</source>
        <translation>no model</translation>
    </message>
    <message>
        <source>Queda {n} {name}</source>
        <translation>{n} {name} left</translation>
    </message>
    <message>
        <source>Quedan {n} {name}</source>
        <translation>{n} {name} left</translation>
    </message>
    <message>
        <source>{units} en {branch}</source>
        <translation>{units} in {branch}</translation>
    </message>
</context>
<context>
    <name>app.reconcile</name>
    <message>
        <source>{why}; duplicado de {mate} en el {system}</source>
        <translation>{why}; duplicate of {mate} in the {system}</translation>
    </message>
    <message>
        <source>, con el mismo documento</source>
        <translation>, with the same document</translation>
    </message>
    <message>
        <source>Atención: el archivo {file} ({system}, {entity}) no tiene columna de identificador; sus registros se nombran por su línea en el archivo («línea 2», «línea 3»…). Si la tiene con otro encabezado, indíquela en el mapeo como source_id.</source>
        <translation>Warning: the file {file} ({system}, {entity}) has no identifier column; its records are named by their line in the file («line 2», «line 3»…). If it has one under another heading, give it in the mapping as source_id.</translation>
    </message>
    <message>
        <source>Lectura incremental (solo lo cambiado):</source>
        <translation>Incremental read (only what changed):</translation>
    </message>
    <message>
        <source>Comparación incremental: {n} de {total} registros comparados (los que tocan los cambios)</source>
        <translation>Incremental comparison: {n} of {total} records compared (those the changes touch)</translation>
    </message>
    <message>
        <source>Comparación completa: {total} registros comparados</source>
        <translation>Full comparison: {total} records compared</translation>
    </message>
    <message>
        <source>Lectura completa: {n} registros leídos</source>
        <translation>Full read: {n} records read</translation>
    </message>
    <message>
        <source>Lectura completa: {n} registros leídos:</source>
        <translation>Full read: {n} records read:</translation>
    </message>
    <message>
        <source>sin motivo anotado</source>
        <translation>no reason recorded</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{label} (no en juego)</source>
        <translation>{label} (not at stake)</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Cantidad</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>se pidió una lectura completa</source>
        <translation>a full read was asked for</translation>
    </message>
    <message>
        <source>la fuente no puede decir qué cambió</source>
        <translation>the source cannot tell what changed</translation>
    </message>
    <message>
        <source>la lectura anterior guardada está dañada</source>
        <translation>the saved previous read is damaged</translation>
    </message>
    <message>
        <source>no hay una lectura anterior guardada</source>
        <translation>there is no saved previous read</translation>
    </message>
    <message>
        <source>la configuración de la fuente cambió desde la lectura anterior</source>
        <translation>the source&apos;s configuration changed since the previous read</translation>
    </message>
    <message>
        <source>la última lectura completa tiene {days} días o más</source>
        <translation>the last full read is {days} days old or more</translation>
    </message>
    <message>
        <source>el archivo cambió: se lee entero</source>
        <translation>the file changed: it is read whole</translation>
    </message>
    <message>
        <source>los registros no dicen cuándo cambiaron</source>
        <translation>the records do not say when they changed</translation>
    </message>
    <message>
        <source>no se pudieron listar sus identificadores: {why}</source>
        <translation>its identifiers could not be listed: {why}</translation>
    </message>
    <message>
        <source>las columnas de la fuente cambiaron</source>
        <translation>the source&apos;s columns changed</translation>
    </message>
    <message>
        <source>la fuente repite identificadores</source>
        <translation>the source repeats identifiers</translation>
    </message>
    <message>
        <source>hay registros sin identificador</source>
        <translation>there are records without an identifier</translation>
    </message>
    <message>
        <source>hay registros nuevos con una fecha de cambio anterior a la lectura pasada</source>
        <translation>there are new records with a change time before the previous read</translation>
    </message>
    <message>
        <source>{where}: incremental, {n} registro leído de {total}</source>
        <translation>{where}: incremental, {n} record read of {total}</translation>
    </message>
    <message>
        <source>{where}: incremental, {n} registros leídos de {total}</source>
        <translation>{where}: incremental, {n} records read of {total}</translation>
    </message>
    <message>
        <source>(1 ya no está)</source>
        <translation>(1 is gone)</translation>
    </message>
    <message>
        <source>({n} ya no están)</source>
        <translation>({n} are gone)</translation>
    </message>
    <message>
        <source>{where}: completa, {n} registro leído</source>
        <translation>{where}: full, {n} record read</translation>
    </message>
    <message>
        <source>{where}: completa, {n} registros leídos</source>
        <translation>{where}: full, {n} records read</translation>
    </message>
</context>
<context>
    <name>app.reports</name>
    <message>
        <source>Sin datos</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>Prospectos</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Negocios</source>
        <translation>Deals</translation>
    </message>
    <message>
        <source>Facturados</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <source>Pagados</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Sin sede</source>
        <translation>No branch</translation>
    </message>
    <message>
        <source>Diferencias por tipo y sede</source>
        <translation>Differences by kind and branch</translation>
    </message>
    <message>
        <source>Otros tipos</source>
        <translation>Other kinds</translation>
    </message>
    <message>
        <source>Hallazgos</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>Tendencia de las conciliaciones guardadas</source>
        <translation>Trend of the saved reconciliations</translation>
    </message>
    <message>
        <source>Pesos en juego</source>
        <translation>Pesos at stake</translation>
    </message>
    <message>
        <source>Seguimientos posventa pendientes (próximos {days} días)</source>
        <translation>After-sales follow-ups due (next {days} days)</translation>
    </message>
    <message>
        <source>Sem. {day}</source>
        <translation>Wk. {day}</translation>
    </message>
    <message>
        <source>Seguimientos</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>Embudo por origen del prospecto (ventas facturadas en el ERP)</source>
        <translation>Funnel by lead source (sales invoiced in the ERP)</translation>
    </message>
    <message>
        <source>Sobre cada origen: facturados ÷ prospectos</source>
        <translation>Above each source: invoiced ÷ leads</translation>
    </message>
    <message>
        <source>Días en inventario (unidades en existencia)</source>
        <translation>Days in inventory (units in stock)</translation>
    </message>
    <message>
        <source>Días en inventario</source>
        <translation>Days in inventory</translation>
    </message>
    <message>
        <source>Unidades</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>Umbral de lenta rotación: {days} días</source>
        <translation>Slow-mover threshold: {days} days</translation>
    </message>
    <message>
        <source>Probables renovaciones de {month}</source>
        <translation>Likely renewals in {month}</translation>
    </message>
    <message>
        <source>Puntaje (0–100)</source>
        <translation>Score (0–100)</translation>
    </message>
</context>
<context>
    <name>app.schedule</name>
    <message>
        <source>{new} (umbral: {limit})</source>
        <translation>{new} (threshold: {limit})</translation>
    </message>
    <message>
        <source>{pesos} en juego en hallazgos nuevos (umbral: {limit})</source>
        <translation>{pesos} at stake in new findings (threshold: {limit})</translation>
    </message>
    <message>
        <source>1 hallazgo nuevo</source>
        <translation>1 new finding</translation>
    </message>
    <message>
        <source>{count} hallazgos nuevos</source>
        <translation>{count} new findings</translation>
    </message>
    <message>
        <source>1 resuelto</source>
        <translation>1 resolved</translation>
    </message>
    <message>
        <source>{count} resueltos</source>
        <translation>{count} resolved</translation>
    </message>
    <message>
        <source>{new} ({pesos} en juego), {resolved}</source>
        <translation>{new} ({pesos} at stake), {resolved}</translation>
    </message>
    <message>
        <source>Cuadre · {profile}: {headline}</source>
        <translation>Cuadre · {profile}: {headline}</translation>
    </message>
    <message>
        <source>La conciliación programada de «{profile}» del {when} encontró:</source>
        <translation>The scheduled reconciliation of «{profile}» of {when} found:</translation>
    </message>
    <message>
        <source>- Hallazgos nuevos: {count} ({pesos} en juego)</source>
        <translation>- New findings: {count} ({pesos} at stake)</translation>
    </message>
    <message>
        <source>- Resueltos desde la anterior: {count}</source>
        <translation>- Resolved since the previous one: {count}</translation>
    </message>
    <message>
        <source>- Hallazgos en total: {count} ({pesos} en juego)</source>
        <translation>- Findings in all: {count} ({pesos} at stake)</translation>
    </message>
    <message>
        <source>- En la anterior, del {when}: {count} ({pesos} en juego)</source>
        <translation>- In the previous one, of {when}: {count} ({pesos} at stake)</translation>
    </message>
    <message>
        <source>- Es la primera conciliación guardada de este espacio de trabajo: todos sus hallazgos cuentan como nuevos.</source>
        <translation>- It is the first reconciliation saved in this workspace: all its findings count as new.</translation>
    </message>
    <message>
        <source>Nuevos por tipo:</source>
        <translation>New by kind:</translation>
    </message>
    <message>
        <source>- Otros tipos: {count}</source>
        <translation>- Other kinds: {count}</translation>
    </message>
    <message>
        <source>Supera el umbral: {reasons}.</source>
        <translation>Threshold passed: {reasons}.</translation>
    </message>
    <message>
        <source>El informe PDF va adjunto ({name}).</source>
        <translation>The PDF report is attached ({name}).</translation>
    </message>
    <message>
        <source>Conciliación guardada {id} en el espacio de trabajo «{workspace}»: «cuadre findings list» muestra los hallazgos.</source>
        <translation>Reconciliation {id} saved in the workspace «{workspace}»: «cuadre findings list» shows the findings.</translation>
    </message>
    <message>
        <source>Cuadre · {profile}: la conciliación programada falló</source>
        <translation>Cuadre · {profile}: the scheduled reconciliation failed</translation>
    </message>
    <message>
        <source>La conciliación programada de «{profile}» no se completó:

{what}

El detalle quedó en {log}.
</source>
        <translation>The scheduled reconciliation of «{profile}» did not finish:

{what}

The details are in {log}.
</translation>
    </message>
    <message>
        <source>Programador de tareas de Windows</source>
        <translation>Windows Task Scheduler</translation>
    </message>
    <message>
        <source>temporizador de systemd del usuario</source>
        <translation>user&apos;s systemd timer</translation>
    </message>
    <message>
        <source>cron del usuario</source>
        <translation>user&apos;s cron</translation>
    </message>
    <message>
        <source>{what} falló (código {code}){said}</source>
        <translation>{what} failed (code {code}){said}</translation>
    </message>
    <message>
        <source>la orden que correría el Programador de tareas tiene {count} caracteres y admite {max}: instale Cuadre en una carpeta de nombre más corto o use un nombre de perfil más corto</source>
        <translation>the command Task Scheduler would run has {count} characters and it takes {max}: install Cuadre in a folder with a shorter name or use a shorter profile name</translation>
    </message>
    <message>
        <source>El Programador de tareas de Windows</source>
        <translation>Windows Task Scheduler</translation>
    </message>
    <message>
        <source>tarea «{name}»</source>
        <translation>task «{name}»</translation>
    </message>
    <message>
        <source>no instalada</source>
        <translation>not installed</translation>
    </message>
    <message>
        <source>{state}; próxima: {next}</source>
        <translation>{state}; next: {next}</translation>
    </message>
    <message>
        <source>instalada</source>
        <translation>installed</translation>
    </message>
    <message>
        <source>activa</source>
        <translation>active</translation>
    </message>
    <message>
        <source>inactiva</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>falló</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>activándose</source>
        <translation>activating</translation>
    </message>
    <message>
        <source>una línea del crontab ({mark})</source>
        <translation>a line of the crontab ({mark})</translation>
    </message>
    <message>
        <source>en el crontab</source>
        <translation>in the crontab</translation>
    </message>
    <message>
        <source>no se encontró schtasks, el Programador de tareas de Windows: no se puede programar la conciliación</source>
        <translation>schtasks, the Windows Task Scheduler, was not found: the reconciliation cannot be scheduled</translation>
    </message>
    <message>
        <source>no hay un programador de tareas disponible: no responde systemd del usuario («systemctl --user») ni está instalado cron («crontab»). Instale cron (p. ej. «sudo apt install cron») o abra una sesión con systemd e intente de nuevo</source>
        <translation>no task scheduler is available: the user&apos;s systemd («systemctl --user») does not answer and cron («crontab») is not installed. Install cron (e.g. «sudo apt install cron») or open a session with systemd and try again</translation>
    </message>
    <message>
        <source>«{text}» no es una hora del día: escríbala como HH:MM, de 00:00 a 23:59 (p. ej. 06:00)</source>
        <translation>«{text}» is not a time of day: write it as HH:MM, from 00:00 to 23:59 (e.g. 06:00)</translation>
    </message>
    <message>
        <source>«{text}» no es una dirección de correo válida</source>
        <translation>«{text}» is not a valid e-mail address</translation>
    </message>
    <message>
        <source>«{text}» no es un valor en pesos (p. ej. 50000000)</source>
        <translation>«{text}» is not an amount in pesos (e.g. 50000000)</translation>
    </message>
    <message>
        <source>no se pudo leer {path}: no es un archivo de Cuadre o está dañado; revíselo o bórrelo</source>
        <translation>could not read {path}: it is not a Cuadre file or it is damaged; check it or delete it</translation>
    </message>
    <message>
        <source>no se pudo leer {path}: una programación está incompleta; revíselo o bórrelo</source>
        <translation>could not read {path}: a schedule is incomplete; check it or delete it</translation>
    </message>
    <message>
        <source>no se pudo leer {path}: la configuración del correo está incompleta; guárdela de nuevo con «cuadre schedule smtp set»</source>
        <translation>could not read {path}: the mail settings are incomplete; save them again with «cuadre schedule smtp set»</translation>
    </message>
    <message>
        <source>«{host}» no es un servidor de correo: escriba solo su nombre (p. ej. smtp.office365.com)</source>
        <translation>«{host}» is not a mail server: write only its name (e.g. smtp.office365.com)</translation>
    </message>
    <message>
        <source>el cifrado debe ser starttls o ssl</source>
        <translation>the encryption must be starttls or ssl</translation>
    </message>
    <message>
        <source>el puerto {port} no existe: va de 1 a 65535</source>
        <translation>port {port} does not exist: ports go from 1 to 65535</translation>
    </message>
    <message>
        <source>falta el usuario del servidor de correo</source>
        <translation>the mail server&apos;s user is missing</translation>
    </message>
    <message>
        <source>no existe el archivo de certificados {path}</source>
        <translation>the certificate file {path} does not exist</translation>
    </message>
    <message>
        <source>no se pudo leer o escribir un archivo: {why}</source>
        <translation>a file could not be read or written: {why}</translation>
    </message>
    <message>
        <source>error inesperado ({kind})</source>
        <translation>unexpected error ({kind})</translation>
    </message>
    <message>
        <source>ya no existe el perfil «{name}»: bórrelo de las programaciones («cuadre schedule remove --profile …») o vuelva a crearlo</source>
        <translation>the profile «{name}» no longer exists: remove it from the schedules («cuadre schedule remove --profile …») or create it again</translation>
    </message>
    <message>
        <source>perfil «{name}» (programada)</source>
        <translation>profile «{name}» (scheduled)</translation>
    </message>
    <message>
        <source>no se concilió: {why}</source>
        <translation>not reconciled: {why}</translation>
    </message>
    <message>
        <source>no se guardó la conciliación: este espacio de trabajo firma cada acción con la clave de quien la programó («{actor}»), y esta ejecución no la encuentra en el llavero del sistema (bajo cron, sin sesión de escritorio, el llavero no está abierto); nada se guardó sin firma. Prográmela donde el llavero de «{actor}» esté abierto: el temporizador de systemd de su sesión o el Programador de tareas de Windows con su usuario.</source>
        <translation>the reconciliation was not saved: this workspace signs every action with the key of whoever scheduled it («{actor}»), and this run cannot find it in the system keyring (under cron, with no desktop session, the keyring is not open); nothing was saved unsigned. Schedule it where «{actor}»&apos;s keyring is open: the systemd timer of their session, or Windows&apos; Task Scheduler as their user.</translation>
    </message>
    <message>
        <source>no se pudo escribir el informe PDF: {why}</source>
        <translation>the PDF report could not be written: {why}</translation>
    </message>
    <message>
        <source>Atención: {what}.</source>
        <translation>Attention: {what}.</translation>
    </message>
    <message>
        <source>no se envió el correo: {why}</source>
        <translation>the e-mail was not sent: {why}</translation>
    </message>
    <message>
        <source>no está configurado el servidor de correo: «cuadre schedule smtp set …»</source>
        <translation>no mail server is configured: «cuadre schedule smtp set …»</translation>
    </message>
    <message>
        <source>no hay contraseña del correo {user} en el almacén seguro de credenciales: guárdela con «cuadre schedule smtp set …»</source>
        <translation>there is no password for the mail account {user} in the secure credential store: save it with «cuadre schedule smtp set …»</translation>
    </message>
    <message>
        <source>el servidor de correo {where} no ofrece STARTTLS: Cuadre no envía la contraseña sin cifrar (use --security ssl si el servidor cifra desde el inicio)</source>
        <translation>the mail server {where} does not offer STARTTLS: Cuadre does not send the password unencrypted (use --security ssl if the server encrypts from the start)</translation>
    </message>
    <message>
        <source>el servidor de correo {where} rechazó el usuario o la contraseña de {user}: guárdela de nuevo con «cuadre schedule smtp set …»</source>
        <translation>the mail server {where} refused the user or the password of {user}: save it again with «cuadre schedule smtp set …»</translation>
    </message>
    <message>
        <source>el servidor de correo {where} rechazó los destinatarios: {who}</source>
        <translation>the mail server {where} refused the recipients: {who}</translation>
    </message>
    <message>
        <source>el servidor de correo {where} rechazó el remitente {sender}</source>
        <translation>the mail server {where} refused the sender {sender}</translation>
    </message>
    <message>
        <source>el certificado del servidor de correo {where} no es de confianza ({why}): no se envió nada</source>
        <translation>the mail server {where}&apos;s certificate is not trusted ({why}): nothing was sent</translation>
    </message>
    <message>
        <source>no se pudo cifrar la conexión con el servidor de correo {where} ({why})</source>
        <translation>the connection to the mail server {where} could not be encrypted ({why})</translation>
    </message>
    <message>
        <source>el servidor de correo {where} respondió {code}: no se envió el aviso</source>
        <translation>the mail server {where} answered {code}: the alert was not sent</translation>
    </message>
    <message>
        <source>no se pudo conectar con el servidor de correo {where} ({why})</source>
        <translation>could not connect to the mail server {where} ({why})</translation>
    </message>
    <message>
        <source>el servidor de correo {where} rechazó a: {who}</source>
        <translation>the mail server {where} refused: {who}</translation>
    </message>
</context>
<context>
    <name>app.security</name>
    <message>
        <source>La clave está vacía.</source>
        <translation>The passphrase is empty.</translation>
    </message>
    <message>
        <source>La clave debe tener al menos {least} caracteres.</source>
        <translation>The passphrase must have at least {least} characters.</translation>
    </message>
    <message>
        <source>el Administrador de credenciales de Windows</source>
        <translation>the Windows Credential Manager</translation>
    </message>
    <message>
        <source>el Llavero de macOS</source>
        <translation>the macOS Keychain</translation>
    </message>
    <message>
        <source>el llavero del sistema (Secret Service)</source>
        <translation>the system keyring (Secret Service)</translation>
    </message>
    <message>
        <source>no hay un almacén seguro de credenciales disponible en este equipo (en Windows, el Administrador de credenciales; en macOS, el Llavero; en Linux, un llavero Secret Service como GNOME Keyring o KWallet, con la sesión de escritorio abierta)</source>
        <translation>there is no secure credential store available on this computer (on Windows, the Credential Manager; on macOS, the Keychain; on Linux, a Secret Service keyring such as GNOME Keyring or KWallet, with the desktop session open)</translation>
    </message>
    <message>
        <source>el almacén de credenciales está desactivado (keyring.backends.null), que descarta lo que se le entrega</source>
        <translation>the credential store is disabled (keyring.backends.null), which discards what it is given</translation>
    </message>
    <message>
        <source>el almacén configurado ({name}) guarda las claves en un archivo del disco, que no es un almacén seguro del sistema</source>
        <translation>the configured store ({name}) keeps the keys in a file on disk, which is not a secure system store</translation>
    </message>
    <message>
        <source>el almacén configurado ({name}) no es un almacén seguro reconocido (Administrador de credenciales de Windows, Llavero de macOS, Secret Service o KWallet)</source>
        <translation>the configured store ({name}) is not a recognized secure store (Windows Credential Manager, macOS Keychain, Secret Service or KWallet)</translation>
    </message>
    <message>
        <source>no se pudo cargar el almacén de credenciales configurado ({kind}); revise la configuración de keyring</source>
        <translation>the configured credential store could not be loaded ({kind}); check keyring&apos;s configuration</translation>
    </message>
    <message>
        <source>La credencial está vacía: no se guardó nada.</source>
        <translation>The credential is empty: nothing was saved.</translation>
    </message>
    <message>
        <source>La credencial empieza con un texto que Cuadre reserva para uso interno: no se guardó.</source>
        <translation>The credential begins with a text Cuadre reserves for its own use: it was not saved.</translation>
    </message>
    <message>
        <source>La credencial tiene {thousands} caracteres; el máximo es unos {thousands2}. No se guardó (nunca se recorta).</source>
        <translation>The credential has {thousands} characters; the maximum is about {thousands2}. It was not saved (it is never cut short).</translation>
    </message>
    <message>
        <source>guardar</source>
        <translation>save</translation>
    </message>
    <message>
        <source>{capital} no devolvió la credencial tal como se guardó; se retiró para no usar una incompleta. Intente de nuevo.</source>
        <translation>{capital} did not give back the credential as it was saved; it was removed so an incomplete one is never used. Try again.</translation>
    </message>
    <message>
        <source>borrar</source>
        <translation>delete</translation>
    </message>
    <message>
        <source>Falta la fuente a la que pertenece la credencial.</source>
        <translation>The source the credential belongs to is missing.</translation>
    </message>
    <message>
        <source>El nombre de la fuente tiene más de {max_ref_chars} caracteres: el almacén del sistema no lo admite.</source>
        <translation>The source&apos;s name has more than {max_ref_chars} characters: the system store does not accept it.</translation>
    </message>
    <message>
        <source>No se puede {verb} la credencial de {ref}: {description}. Cuadre solo guarda contraseñas y tokens en el almacén seguro del sistema.</source>
        <translation>Cannot {verb} the credential of {ref}: {description}. Cuadre saves passwords and tokens only in the system&apos;s secure store.</translation>
    </message>
    <message>
        <source>{capital} está bloqueado: desbloquéelo (o inicie sesión) e intente de nuevo {verb} la credencial de {ref}.</source>
        <translation>{capital} is locked: unlock it (or sign in) and try again to {verb} the credential of {ref}.</translation>
    </message>
    <message>
        <source>No se puede {verb} la credencial de {ref}: {no_store}.</source>
        <translation>Cannot {verb} the credential of {ref}: {no_store}.</translation>
    </message>
    <message>
        <source>{capital} no pudo {verb} la credencial de {ref} ({kind}).</source>
        <translation>{capital} could not {verb} the credential of {ref} ({kind}).</translation>
    </message>
    <message>
        <source>el almacén de credenciales</source>
        <translation>the credential store</translation>
    </message>
    <message>
        <source>leer</source>
        <translation>read</translation>
    </message>
    <message>
        <source>La credencial guardada para {ref} está incompleta o dañada; guárdela de nuevo con «cuadre credentials set {ref}».</source>
        <translation>The credential saved for {ref} is incomplete or damaged; save it again with «cuadre credentials set {ref}».</translation>
    </message>
</context>
<context>
    <name>app.store</name>
    <message>
        <source>Falta el identificador del espacio de trabajo: el almacén está dañado.</source>
        <translation>The workspace&apos;s identifier is missing: the store is damaged.</translation>
    </message>
    <message>
        <source>«{login}» no tiene clave de firma y este espacio de trabajo firma cada acción: pídala con «cuadre people key request --as {login}» y que un administrador la apruebe.</source>
        <translation>«{login}» has no signing key and this workspace signs every action: ask for one with «cuadre people key request --as {login}» and have an administrator approve it.</translation>
    </message>
    <message>
        <source>La clave de firma de «{login}» no está en el almacén de credenciales de este equipo: solo esa persona, en su propio equipo, actúa con su nombre. Si perdió la clave, pida una nueva con «cuadre people key request --as {login}» y que un administrador la apruebe.</source>
        <translation>The signing key of «{login}» is not in this computer&apos;s credential store: only that person, on their own computer, acts in their name. If the key was lost, ask for a new one with «cuadre people key request --as {login}» and have an administrator approve it.</translation>
    </message>
    <message>
        <source>Falta la cabeza del registro de auditoría: el almacén está dañado.</source>
        <translation>The head of the audit trail is missing: the store is damaged.</translation>
    </message>
    <message>
        <source>La dirección del almacén de trabajo no es válida: {exc}</source>
        <translation>The workspace store&apos;s address is not valid: {exc}</translation>
    </message>
    <message>
        <source>La dirección del almacén de trabajo no debe llevar la contraseña escrita: guárdela con «cuadre credentials set URL» (la dirección sin la contraseña; queda en el almacén seguro del sistema).</source>
        <translation>The workspace store&apos;s address must not carry the password: save it with «cuadre credentials set URL» (the address without the password; it stays in the system&apos;s secure store).</translation>
    </message>
    <message>
        <source>El almacén de trabajo no puede estar en una carpeta de red ({path}): SQLite se daña si varios equipos lo abren por la red. Use una carpeta local de este equipo, o un servidor PostgreSQL para trabajar en equipo.</source>
        <translation>The workspace store cannot be in a network folder ({path}): SQLite gets damaged when several computers open it over the network. Use a local folder of this computer, or a PostgreSQL server to work as a team.</translation>
    </message>
    <message>
        <source>No se pudo abrir el almacén de trabajo: {kind}</source>
        <translation>The workspace store could not be opened: {kind}</translation>
    </message>
    <message>
        <source>No se pudo abrir el almacén de trabajo {describe}: {kind}</source>
        <translation>The workspace store {describe} could not be opened: {kind}</translation>
    </message>
    <message>
        <source>El almacén de trabajo {describe} tiene la versión de esquema {value} y esta versión de Cuadre usa la {schema_version}: </source>
        <translation>The workspace store {describe} has schema version {value} and this version of Cuadre uses {schema_version}: </translation>
    </message>
    <message>
        <source>actualice Cuadre para abrirlo.</source>
        <translation>update Cuadre to open it.</translation>
    </message>
    <message>
        <source>hace falta migrarlo antes de abrirlo.</source>
        <translation>it must be migrated before it is opened.</translation>
    </message>
</context>
<context>
    <name>app.vin</name>
    <message>
        <source>Escriba el VIN o al menos sus últimos {n} caracteres.</source>
        <translation>Type the VIN or at least its last {n} characters.</translation>
    </message>
    <message>
        <source> en «{workspace}»</source>
        <translation> in “{workspace}”</translation>
    </message>
    <message>
        <source>No hay conciliaciones guardadas{where}: concilie y guarde una («cuadre workspace reconcile …», o «Reconciliar» en la ventana con un usuario elegido), o lea el VIN en vivo en los dos sistemas (--live, «Actualizar»).</source>
        <translation>There are no saved reconciliations{where}: reconcile and save one (“cuadre workspace reconcile …”, or “Reconcile” in the window with a user chosen), or read the VIN live in both systems (--live, “Refresh”).</translation>
    </message>
    <message>
        <source>La última conciliación guardada de «{workspace}» no guardó los VIN (se guardó antes de esta versión, o no se leyó el inventario): concilie de nuevo, o lea el VIN en vivo (--live, «Actualizar»).</source>
        <translation>The latest saved reconciliation of “{workspace}” did not keep the VINs (it was saved before this version, or the stock was not read): reconcile again, or read the VIN live (--live, “Refresh”).</translation>
    </message>
    <message>
        <source>Ningún VIN es ni termina en «{vin}» en el CRM ni en el ERP.</source>
        <translation>No VIN in the CRM or the ERP is or ends with “{vin}”.</translation>
    </message>
    <message>
        <source>{count} VIN terminan en «{vin}»: escriba más caracteres.</source>
        <translation>{count} VINs end with “{vin}”: type more characters.</translation>
    </message>
</context>
<context>
    <name>app.writeback</name>
    <message>
        <source>No existe la corrección {id}.</source>
        <translation>The correction {id} does not exist.</translation>
    </message>
    <message>
        <source>La corrección cambió mientras la revisaba (ahora está {state}, último cambio de «{login}»): vuelva a cargarla antes de decidir.</source>
        <translation>The correction changed while you were reviewing it (it is now {state}, last changed by «{login}»): load it again before deciding.</translation>
    </message>
    <message>
        <source>No se puede {doing}: la corrección ya está {state} por «{login}».</source>
        <translation>Cannot {doing}: the correction is already {state} by «{login}».</translation>
    </message>
    <message>
        <source>No se puede {doing}: la corrección ya está {state}.</source>
        <translation>Cannot {doing}: the correction is already {state}.</translation>
    </message>
    <message>
        <source>Quien propone o edita una corrección no puede aprobarla (lo impide el almacén).</source>
        <translation>Whoever proposes or edits a correction cannot approve it (the store prevents it).</translation>
    </message>
    <message>
        <source>El servidor del almacén solo deja actuar a cada persona en su propio nombre: quien se conectó no es a quien nombra el cambio; no se guardó nada.</source>
        <translation>The store&apos;s server only lets each person act in their own name: whoever connected is not who the change names; nothing was saved.</translation>
    </message>
    <message>
        <source>Otra persona cambió esta corrección al mismo tiempo: vuelva a cargarla; no se sobrescribió nada.</source>
        <translation>Someone else changed this correction at the same time: load it again; nothing was overwritten.</translation>
    </message>
    <message>
        <source>El almacén de trabajo está ocupado por otra persona: intente de nuevo en unos segundos; no se guardó nada.</source>
        <translation>The working store is busy with someone else: try again in a few seconds; nothing was saved.</translation>
    </message>
    <message>
        <source>El almacén de trabajo rechazó el cambio; no se guardó nada.</source>
        <translation>The working store refused the change; nothing was saved.</translation>
    </message>
    <message>
        <source>«{field}» no es un campo corregible de {entity}.</source>
        <translation>«{field}» is not a correctable field of {entity}.</translation>
    </message>
    <message>
        <source>El valor nuevo es igual al actual: no hay nada que corregir.</source>
        <translation>The new value is the same as the current one: there is nothing to correct.</translation>
    </message>
    <message>
        <source>proponer correcciones</source>
        <translation>propose corrections</translation>
    </message>
    <message>
        <source>Una fusión se edita eligiendo de nuevo sus valores en el diálogo de fusión.</source>
        <translation>A merge is edited by choosing its values again in the merge dialog.</translation>
    </message>
    <message>
        <source>La fusión quedó igual: no hay nada que cambiar.</source>
        <translation>The merge is unchanged: there is nothing to change.</translation>
    </message>
    <message>
        <source>editar correcciones</source>
        <translation>edit corrections</translation>
    </message>
    <message>
        <source>editarla</source>
        <translation>edit it</translation>
    </message>
    <message>
        <source>aprobar correcciones</source>
        <translation>approve corrections</translation>
    </message>
    <message>
        <source>aprobarla</source>
        <translation>approve it</translation>
    </message>
    <message>
        <source>Quien propone o edita una corrección no puede aprobarla: debe aprobarla otra persona.</source>
        <translation>Whoever proposes or edits a correction cannot approve it: someone else must approve it.</translation>
    </message>
    <message>
        <source>El contenido de la corrección no coincide con su huella: no se puede aprobar.</source>
        <translation>The correction&apos;s content does not match its fingerprint: it cannot be approved.</translation>
    </message>
    <message>
        <source>«{login}» solo puede consultar: no puede {doing}.</source>
        <translation>«{login}» can only look: cannot {doing}.</translation>
    </message>
    <message>
        <source>rechazarla</source>
        <translation>reject it</translation>
    </message>
    <message>
        <source>aplazarla</source>
        <translation>defer it</translation>
    </message>
    <message>
        <source>decidir de nuevo correcciones</source>
        <translation>decide corrections again</translation>
    </message>
    <message>
        <source>Una fusión que no se aplicó se decide de nuevo desde las fusiones, no aquí.</source>
        <translation>A merge that was not applied is decided again from the merges, not here.</translation>
    </message>
    <message>
        <source>No se puede decidir de nuevo: la rechazó «{login}»; proponga una corrección nueva.</source>
        <translation>Cannot decide again: «{login}» rejected it; propose a new correction.</translation>
    </message>
    <message>
        <source>decidirla de nuevo</source>
        <translation>decide it again</translation>
    </message>
    <message>
        <source>El registro ya existe en el sistema con otros valores: no se vuelve a crear; recházela o corrija el que existe.</source>
        <translation>The record already exists in the system with other values: it is not created again; reject it or correct the existing one.</translation>
    </message>
    <message>
        <source>El envío no trajo el valor que tiene el sistema (el registro ya no existe o no se pudo leer): no se puede partir de él; recházela o proponga una corrección nueva.</source>
        <translation>The push did not bring the value the system holds (the record no longer exists or could not be read): it cannot start from it; reject it or propose a new correction.</translation>
    </message>
    <message>
        <source>El sistema ya tiene el valor propuesto: no hay nada que corregir.</source>
        <translation>The system already holds the proposed value: there is nothing to correct.</translation>
    </message>
    <message>
        <source>deshacer correcciones</source>
        <translation>undo corrections</translation>
    </message>
    <message>
        <source>Una fusión se deshace desde las fusiones, no aquí.</source>
        <translation>A merge is undone from the merges, not here.</translation>
    </message>
    <message>
        <source>Solo se deshace una corrección aplicada; esta está {state}.</source>
        <translation>Only an applied correction is undone; this one is {state}.</translation>
    </message>
    <message>
        <source>No se encuentra el envío que aplicó la corrección: no hay valor anterior al que volver.</source>
        <translation>The push that applied the correction cannot be found: there is no previous value to go back to.</translation>
    </message>
    <message>
        <source>Ya hay una corrección que la deshace (pendiente o aplicada): decídala a ella.</source>
        <translation>There is already a correction that undoes it (pending or applied): decide that one.</translation>
    </message>
    <message>
        <source>tipo de documento</source>
        <translation>document type</translation>
    </message>
    <message>
        <source>número de documento</source>
        <translation>document number</translation>
    </message>
    <message>
        <source>DV del NIT</source>
        <translation>the NIT&apos;s check digit</translation>
    </message>
    <message>
        <source>nombre o razón social</source>
        <translation>name or company name</translation>
    </message>
    <message>
        <source>ciudad (código DIVIPOLA)</source>
        <translation>city (DIVIPOLA code)</translation>
    </message>
    <message>
        <source>teléfono</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>Faltan datos para crearlo en el {target}: {words}. Complételos en el {source} y concilie de nuevo.</source>
        <translation>Data is missing to create it in the {target}: {words}. Complete them in the {source} and reconcile again.</translation>
    </message>
    <message>
        <source>El ERP aún no tiene al cliente {doc}: primero se crea (propuesta {ident}) y después se registra el pedido.</source>
        <translation>The ERP does not have customer {doc} yet: it is created first (proposal {ident}) and then the order is recorded.</translation>
    </message>
    <message>
        <source>El ERP no tiene al cliente {doc} y el CRM no lo tiene como cliente para crearlo.</source>
        <translation>The ERP does not have customer {doc} and the CRM does not hold it as a customer to create it from.</translation>
    </message>
    <message>
        <source>Bloqueada: {why}</source>
        <translation>Blocked: {why}</translation>
    </message>
    <message>
        <source>Este hallazgo no es una corrección de campo: se revisa a mano, no se propone.</source>
        <translation>This finding is not a field correction: it is reviewed by hand, not proposed.</translation>
    </message>
    <message>
        <source>La factura está validada ante la DIAN: no se edita; queda como tarea de nota crédito/débito para contabilidad.</source>
        <translation>The invoice is validated with the DIAN: it is not edited; it stays as a credit/debit note task for accounting.</translation>
    </message>
    <message>
        <source>La corrección está bloqueada.</source>
        <translation>The correction is blocked.</translation>
    </message>
    <message>
        <source>otro sistema</source>
        <translation>another system</translation>
    </message>
    <message>
        <source>Esta corrección ya está propuesta: búsquela en Correcciones.</source>
        <translation>This correction is already proposed: find it in Corrections.</translation>
    </message>
    <message>
        <source>aprobar</source>
        <translation>approve</translation>
    </message>
    <message>
        <source>rechazar</source>
        <translation>reject</translation>
    </message>
    <message>
        <source>aplazar</source>
        <translation>defer</translation>
    </message>
    <message>
        <source>No se puede: la corrección ya está {state}.</source>
        <translation>Not possible: the correction is already {state}.</translation>
    </message>
    <message>
        <source>«{login}» no tiene el rol para {doing} correcciones.</source>
        <translation>«{login}» does not have the role to {doing} corrections.</translation>
    </message>
    <message>
        <source>Este espacio de trabajo firma cada acción y la clave de firma de «{login}» no se puede guardar en este equipo: {why}</source>
        <translation>This workspace signs every action and the signing key of «{login}» cannot be kept on this computer: {why}</translation>
    </message>
    <message>
        <source>el documento del cliente</source>
        <translation>the customer&apos;s document</translation>
    </message>
    <message>
        <source>la fecha</source>
        <translation>the date</translation>
    </message>
    <message>
        <source>el número</source>
        <translation>the number</translation>
    </message>
    <message>
        <source>el CUFE</source>
        <translation>the CUFE</translation>
    </message>
    <message>
        <source>sin número</source>
        <translation>no number</translation>
    </message>
    <message>
        <source>La factura {invoice} (CUFE {cufe}…)</source>
        <translation>Invoice {invoice} (CUFE {cufe}…)</translation>
    </message>
    <message>
        <source>La factura {invoice}</source>
        <translation>Invoice {invoice}</translation>
    </message>
    <message>
        <source>{invoice} está validada ante la DIAN y no se edita: emitir una nota débito por {amount} (valor de {now} a {new}).</source>
        <translation>{invoice} is validated with the DIAN and is not edited: issue a debit note for {amount} (amount from {now} to {new}).</translation>
    </message>
    <message>
        <source>{invoice} está validada ante la DIAN y no se edita: emitir una nota crédito por {amount} (valor de {now} a {new}).</source>
        <translation>{invoice} is validated with the DIAN and is not edited: issue a credit note for {amount} (amount from {now} to {new}).</translation>
    </message>
    <message>
        <source>{invoice} está validada ante la DIAN y no se edita: emitir una nota crédito por el total ({amount}) y una factura nueva con {what} {new} en lugar de {now}.</source>
        <translation>{invoice} is validated with the DIAN and is not edited: issue a credit note for the total ({amount}) and a new invoice with {what} {new} instead of {now}.</translation>
    </message>
    <message>
        <source>El cliente no autorizó el contacto (Ley 1581).</source>
        <translation>The customer did not authorize contact (Ley 1581).</translation>
    </message>
    <message>
        <source>Repetido en la selección.</source>
        <translation>Repeated in the selection.</translation>
    </message>
    <message>
        <source>Ya hay un seguimiento igual {state}.</source>
        <translation>There is already an identical follow-up {state}.</translation>
    </message>
    <message>
        <source>No hay autorización de tratamiento de datos con fecha (Ley 1581) para esta persona: sus datos de contacto no pasan al {target}.</source>
        <translation>There is no dated authorization to process this person&apos;s data (Ley 1581): their contact data do not go to the {target}.</translation>
    </message>
    <message>
        <source>La persona tiene un reclamo en trámite (Ley 1581): no se corrige ni se fusiona hasta que se resuelva.</source>
        <translation>The person has a complaint in progress (Ley 1581): nothing is corrected or merged until it is resolved.</translation>
    </message>
    <message>
        <source>dar claves a otras personas</source>
        <translation>give other people passphrases</translation>
    </message>
    <message>
        <source>Falta el usuario.</source>
        <translation>The login is missing.</translation>
    </message>
    <message>
        <source>El servidor no aceptó la clave de «{login}»: pídale a un administrador que la revise, o guárdela de nuevo con «cuadre people login {login}».</source>
        <translation>The server did not accept «{login}»&apos;s password: ask an administrator to check it, or save it again with «cuadre people login {login}».</translation>
    </message>
    <message>
        <source>«{login}» no ha iniciado sesión en este equipo: su clave no está en el almacén seguro del sistema. Guárdela una vez con «cuadre people login {login}» (o en la ventana, «Iniciar sesión»).</source>
        <translation>«{login}» has not signed in on this computer: their passphrase is not in the system&apos;s secure store. Save it once with «cuadre people login {login}» (or in the window, «Sign in»).</translation>
    </message>
    <message>
        <source>Este almacén está abierto como «{connected}», no como «{login}».</source>
        <translation>This store is open as «{connected}», not as «{login}».</translation>
    </message>
    <message>
        <source>«{login}» no está registrado en este espacio de trabajo.</source>
        <translation>«{login}» is not registered in this workspace.</translation>
    </message>
    <message>
        <source>«{login}» todavía no tiene clave: un administrador debe dársela con «cuadre people passphrase {login} --reset».</source>
        <translation>«{login}» has no passphrase yet: an administrator must give them one with «cuadre people passphrase {login} --reset».</translation>
    </message>
    <message>
        <source>La clave de «{login}» no es la correcta.</source>
        <translation>«{login}»&apos;s passphrase is not the right one.</translation>
    </message>
    <message>
        <source>La clave guardada en este equipo para «{login}» ya no es la correcta (¿la cambió en otro equipo?): guárdela de nuevo con «cuadre people login {login}».</source>
        <translation>The passphrase this computer keeps for «{login}» is no longer the right one (changed on another computer?): save it again with «cuadre people login {login}».</translation>
    </message>
    <message>
        <source>Solo un almacén SQLite puede ser de demostración.</source>
        <translation>Only a SQLite store can be a demo.</translation>
    </message>
    <message>
        <source>Este espacio de trabajo ya tiene personas: no se vuelve de demostración.</source>
        <translation>This workspace already has people: it does not become a demo.</translation>
    </message>
    <message>
        <source>«{login}» no está registrado.</source>
        <translation>«{login}» is not registered.</translation>
    </message>
    <message>
        <source>No hay almacén de trabajo abierto.</source>
        <translation>No workspace store is open.</translation>
    </message>
    <message>
        <source>En PostgreSQL el usuario no puede pasar de {most} caracteres.</source>
        <translation>On PostgreSQL a login cannot be longer than {most} characters.</translation>
    </message>
    <message>
        <source>El servidor PostgreSQL ya tiene un rol «{login}»: Cuadre no se apropia de un rol que no creó; elija otro usuario.</source>
        <translation>The PostgreSQL server already has a role «{login}»: Cuadre does not take over a role it did not create; choose another login.</translation>
    </message>
    <message>
        <source>aprobar claves de firma</source>
        <translation>approve signing keys</translation>
    </message>
    <message>
        <source>«{login}» no tiene una solicitud de clave pendiente: la pide con «cuadre people key request --as {login}».</source>
        <translation>«{login}» has no pending key request: they ask with «cuadre people key request --as {login}».</translation>
    </message>
    <message>
        <source>Una persona no aprueba su propia clave de firma: la aprueba otro administrador.</source>
        <translation>A person does not approve their own signing key: another administrator approves it.</translation>
    </message>
    <message>
        <source>Este espacio de trabajo aún no firma: el primer administrador aprueba primero su propia clave.</source>
        <translation>This workspace does not sign yet: the first administrator first approves their own key.</translation>
    </message>
    <message>
        <source>La clave pedida no está en el almacén de credenciales de este equipo: apruébela donde la pidió.</source>
        <translation>The requested key is not in this computer&apos;s credential store: approve it where it was requested.</translation>
    </message>
    <message>
        <source>Fusionar {n} registros del {system} con el documento {key} en {survivor}</source>
        <translation>Merge {n} {system} records with document {key} into {survivor}</translation>
    </message>
    <message>
        <source>Fusionar {n} registros del vehículo del {system} con el VIN {key} en {survivor}</source>
        <translation>Merge {n} {system} records of the vehicle with VIN {key} into {survivor}</translation>
    </message>
    <message>
        <source>Fusionar {n} registros del {system} en {survivor}</source>
        <translation>Merge {n} {system} records into {survivor}</translation>
    </message>
    <message>
        <source>Fusionar {n} registros del vehículo del {system} en {survivor}</source>
        <translation>Merge {n} {system} records of the vehicle into {survivor}</translation>
    </message>
    <message>
        <source>; se conserva la autorización de datos de {who} ({channel}, {day})</source>
        <translation>; the data authorization of {who} is kept ({channel}, {day})</translation>
    </message>
    <message>
        <source>canal sin registrar</source>
        <translation>channel not recorded</translation>
    </message>
    <message>
        <source>Negocio</source>
        <translation>Deal</translation>
    </message>
    <message>
        <source>Pago</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Vehículo</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>El registro {id} ya no está en la conciliación: concilie de nuevo antes de fusionar.</source>
        <translation>The record {id} is no longer in the reconciliation: reconcile again before merging.</translation>
    </message>
    <message>
        <source>Ningún registro tiene autorización de tratamiento de datos (Ley 1581): el registro que queda sigue sin ella.</source>
        <translation>No record has an authorization to process data (Ley 1581): the record that stays remains without one.</translation>
    </message>
    <message>
        <source>ya es del registro que queda</source>
        <translation>already belongs to the record that stays</translation>
    </message>
    <message>
        <source>viene de {id}</source>
        <translation>comes from {id}</translation>
    </message>
    <message>
        <source>sin fecha: no es prueba suficiente</source>
        <translation>undated: not sufficient proof</translation>
    </message>
    <message>
        <source>Se conserva la autorización de datos de {id} ({proof}); {where}.</source>
        <translation>The data authorization of {id} is kept ({proof}); {where}.</translation>
    </message>
    <message>
        <source>{what}: la factura {invoice} está validada ante la DIAN y no se reasigna; requiere una nota crédito y una factura nueva a nombre de {doc}.</source>
        <translation>{what}: the invoice {invoice} is validated with the DIAN and is not reassigned; it needs a credit note and a new invoice in the name of {doc}.</translation>
    </message>
    <message>
        <source>{what}: pasa del documento {old} al {doc}.</source>
        <translation>{what}: moves from document {old} to {doc}.</translation>
    </message>
    <message>
        <source>recibo {n}</source>
        <translation>receipt {n}</translation>
    </message>
    <message>
        <source>Fusionar {n} registros del {system} en {id}: {ids} desaparece en él</source>
        <translation>Merge {n} records of the {system} into {id}: {ids} disappears into it</translation>
    </message>
    <message>
        <source>Fusionar {n} registros del {system} en {id}: {ids} desaparecen en él</source>
        <translation>Merge {n} records of the {system} into {id}: {ids} disappear into it</translation>
    </message>
    <message>
        <source>no cambia ningún campo</source>
        <translation>no field changes</translation>
    </message>
    <message>
        <source>cambia 1 campo</source>
        <translation>1 field changes</translation>
    </message>
    <message>
        <source>cambian {n} campos</source>
        <translation>{n} fields change</translation>
    </message>
    <message>
        <source>1 registro relacionado pasa al que queda</source>
        <translation>1 related record moves to the one that stays</translation>
    </message>
    <message>
        <source>{n} registros relacionados pasan al que queda</source>
        <translation>{n} related records move to the one that stays</translation>
    </message>
    <message>
        <source>1 pago de facturas validadas requiere nota crédito</source>
        <translation>1 payment of validated invoices needs a credit note</translation>
    </message>
    <message>
        <source>{n} pagos de facturas validadas requieren nota crédito</source>
        <translation>{n} payments of validated invoices need a credit note</translation>
    </message>
    <message>
        <source>La corrección no es una fusión.</source>
        <translation>The correction is not a merge.</translation>
    </message>
    <message>
        <source>sin cambiar campos</source>
        <translation>no fields changed</translation>
    </message>
    <message>
        <source>Deshacer la fusión en {id}: vuelve {ids}</source>
        <translation>Undo the merge into {id}: {ids} comes back</translation>
    </message>
    <message>
        <source>Deshacer la fusión en {id}: vuelven {ids}</source>
        <translation>Undo the merge into {id}: {ids} come back</translation>
    </message>
    <message>
        <source>Fusión de {n} registros en {id} (se va {ids}; {fields}</source>
        <translation>Merge of {n} records into {id} ({ids} goes; {fields}</translation>
    </message>
    <message>
        <source>; {n} relacionados se reasignan</source>
        <translation>; {n} related records are reassigned</translation>
    </message>
    <message>
        <source>Solo se fusionan clientes y vehículos.</source>
        <translation>Only customers and vehicles are merged.</translation>
    </message>
    <message>
        <source>La fusión no trae el registro que queda, los que se van y la foto de cada uno.</source>
        <translation>The merge does not bring the record that stays, the ones that go and a snapshot of each.</translation>
    </message>
    <message>
        <source>Ya hay una fusión en curso con estos registros: búsquela en Correcciones.</source>
        <translation>There is already a merge in progress with these records: find it in Corrections.</translation>
    </message>
    <message>
        <source>Solo se editan las fusiones propuestas (deshacer una fusión se construye de su foto y no se edita).</source>
        <translation>Only proposed merges are edited (undoing a merge is built from its snapshot and is not edited).</translation>
    </message>
    <message>
        <source>La fusión editada debe conservar el mismo registro.</source>
        <translation>The edited merge must keep the same record.</translation>
    </message>
    <message>
        <source>Esa corrección no es una fusión.</source>
        <translation>That correction is not a merge.</translation>
    </message>
    <message>
        <source>Solo se deshace una fusión ya aplicada en el sistema.</source>
        <translation>Only a merge already applied in the system is undone.</translation>
    </message>
    <message>
        <source>Ya se propuso deshacer esta fusión (pendiente o aplicada): búsquela en Correcciones.</source>
        <translation>Undoing this merge was already proposed (pending or applied): find it in Corrections.</translation>
    </message>
    <message>
        <source>Una fusión no se envía campo por campo.</source>
        <translation>A merge is not sent field by field.</translation>
    </message>
    <message>
        <source>La corrección no está aprobada con su contenido actual.</source>
        <translation>The correction is not approved with its current content.</translation>
    </message>
    <message>
        <source>Esta propuesta está bloqueada: no se envía a ningún sistema.</source>
        <translation>This proposal is blocked: it is not sent to any system.</translation>
    </message>
    <message>
        <source>Esta propuesta es una nota crédito/débito para contabilidad: no se envía a ningún sistema.</source>
        <translation>This proposal is a credit/debit note for accounting: it is not sent to any system.</translation>
    </message>
    <message>
        <source>Esta propuesta no es una corrección de campo: no se envía a ningún sistema.</source>
        <translation>This proposal is not a field correction: it is not sent to any system.</translation>
    </message>
    <message>
        <source>«{login}» no tiene el rol para {role}: no puede {doing}.</source>
        <translation>«{login}» does not have the role to {role}: cannot {doing}.</translation>
    </message>
    <message>
        <source>«{login}» no tiene el rol para enviar correcciones a los sistemas: solo aprobadores o administradores.</source>
        <translation>«{login}» does not have the role to send corrections to the systems: only approvers or administrators.</translation>
    </message>
    <message>
        <source>Rol desconocido: {roles}.</source>
        <translation>Unknown role: {roles}.</translation>
    </message>
    <message>
        <source>La primera persona del espacio de trabajo debe ser administradora.</source>
        <translation>The workspace&apos;s first person must be an administrator.</translation>
    </message>
    <message>
        <source>Solo un administrador puede registrar personas.</source>
        <translation>Only an administrator can register people.</translation>
    </message>
    <message>
        <source>registrar personas</source>
        <translation>register people</translation>
    </message>
    <message>
        <source>«{login}» ya está registrado.</source>
        <translation>«{login}» is already registered.</translation>
    </message>
    <message>
        <source>el campo {field}</source>
        <translation>the field {field}</translation>
    </message>
    <message>
        <source>el celular</source>
        <translation>the mobile</translation>
    </message>
    <message>
        <source>el teléfono</source>
        <translation>the phone</translation>
    </message>
    <message>
        <source>el cliente de la reserva</source>
        <translation>the customer it is reserved for</translation>
    </message>
    <message>
        <source>el nombre</source>
        <translation>the name</translation>
    </message>
    <message>
        <source>la razón social</source>
        <translation>the company name</translation>
    </message>
    <message>
        <source>los nombres</source>
        <translation>the first names</translation>
    </message>
    <message>
        <source>los apellidos</source>
        <translation>the last names</translation>
    </message>
    <message>
        <source>el correo</source>
        <translation>the e-mail</translation>
    </message>
    <message>
        <source>la ciudad</source>
        <translation>the city</translation>
    </message>
    <message>
        <source>la dirección</source>
        <translation>the address</translation>
    </message>
    <message>
        <source>el DV</source>
        <translation>the check digit</translation>
    </message>
    <message>
        <source>el documento</source>
        <translation>the document</translation>
    </message>
    <message>
        <source>el valor</source>
        <translation>the amount</translation>
    </message>
    <message>
        <source>la fecha de pago</source>
        <translation>the payment date</translation>
    </message>
    <message>
        <source>el número de factura</source>
        <translation>the invoice number</translation>
    </message>
    <message>
        <source>el estado</source>
        <translation>the status</translation>
    </message>
    <message>
        <source>la sede</source>
        <translation>the branch</translation>
    </message>
    <message>
        <source>el VIN</source>
        <translation>the VIN</translation>
    </message>
    <message>
        <source>Se corrige el {target} aunque el sistema de registro es el {sor}: el {source} manda en {rules}: corregir {field} del {target} de {now} a {new}.</source>
        <translation>The {target} is corrected although the system of record is the {sor}: the {source} is the reference for {rules}: correct {field} in the {target} from {now} to {new}.</translation>
    </message>
    <message>
        <source>El {source} manda en {rules}: corregir {field} del {target} de {now} a {new}.</source>
        <translation>The {source} is the reference for {rules}: correct {field} in the {target} from {now} to {new}.</translation>
    </message>
    <message>
        <source>El DV del NIT {nit} es {dv}: corregir el DV del {target} de {now} a {dv}.</source>
        <translation>The check digit of NIT {nit} is {dv}: correct the check digit in the {target} from {now} to {dv}.</translation>
    </message>
    <message>
        <source>{field} no tiene un valor válido en el {target}: tomar {value} del {source}.</source>
        <translation>{field} has no valid value in the {target}: take {value} from the {source}.</translation>
    </message>
    <message>
        <source>{field} falta en el {target}: tomar {value} del {source}.</source>
        <translation>{field} is missing in the {target}: take {value} from the {source}.</translation>
    </message>
    <message>
        <source>documento</source>
        <translation>document</translation>
    </message>
    <message>
        <source>Está solo en el {source}: crear el cliente «{who}» ({type} {doc}-{dv}, DV calculado) en el {into}.</source>
        <translation>It is only in the {source}: create customer «{who}» ({type} {doc}-{dv}, check digit computed) in the {into}.</translation>
    </message>
    <message>
        <source>Está solo en el {source}: crear el cliente «{who}» ({type} {doc}) en el {into}.</source>
        <translation>It is only in the {source}: create customer «{who}» ({type} {doc}) in the {into}.</translation>
    </message>
    <message>
        <source>El CRM registra la venta (negocio {deal}) y el ERP ofrece el VIN {vin} como disponible: registrar en el ERP el pedido para el cliente {doc}, que reserva el VIN (ninguna otra sede puede venderlo), con su alistamiento en el taller donde el ERP lo tiene.</source>
        <translation>The CRM records the sale (deal {deal}) and the ERP offers VIN {vin} as available: record in the ERP the order for customer {doc}, which reserves the VIN (no other branch can sell it), with its preparation (alistamiento) in the workshop where the ERP has one.</translation>
    </message>
    <message>
        <source>El CRM registra la venta y el ERP ofrece el VIN {vin} como disponible: registrar en el ERP el pedido para el cliente {doc}, que reserva el VIN (ninguna otra sede puede venderlo), con su alistamiento en el taller donde el ERP lo tiene.</source>
        <translation>The CRM records the sale and the ERP offers VIN {vin} as available: record in the ERP the order for customer {doc}, which reserves the VIN (no other branch can sell it), with its preparation (alistamiento) in the workshop where the ERP has one.</translation>
    </message>
    <message>
        <source>Está solo en el CRM: créelo en el ERP o revise si está con otro documento; no es una corrección de campo.</source>
        <translation>It is only in the CRM: create it in the ERP or check whether it is there under another document; it is not a field correction.</translation>
    </message>
    <message>
        <source>Está solo en el ERP: revise si falta en el CRM; no es una corrección de campo.</source>
        <translation>It is only in the ERP: check whether it is missing from the CRM; it is not a field correction.</translation>
    </message>
    <message>
        <source>Posible coincidencia: confirme primero si son el mismo cliente; después se proponen las correcciones de sus campos.</source>
        <translation>Possible match: first confirm whether they are the same customer; then the corrections of their fields are proposed.</translation>
    </message>
    <message>
        <source>Pago registrado en el CRM sin recibo en el ERP: contabilidad debe verificar el pago y registrar el recibo; no se corrige copiando campos.</source>
        <translation>Payment recorded in the CRM with no receipt in the ERP: accounting must verify the payment and record the receipt; it is not corrected by copying fields.</translation>
    </message>
    <message>
        <source>Recibo del ERP sin pago en el CRM: registre el pago en el negocio del CRM o revise el recibo; no se corrige copiando campos.</source>
        <translation>ERP receipt with no payment in the CRM: record the payment on the CRM deal or check the receipt; it is not corrected by copying fields.</translation>
    </message>
    <message>
        <source>VIN inválido: verifíquelo contra el vehículo o su tarjeta de propiedad; no se corrige automáticamente.</source>
        <translation>Invalid VIN: check it against the vehicle or its registration card; it is not corrected automatically.</translation>
    </message>
    <message>
        <source>Registro duplicado: se resuelve con una fusión, no con una corrección de campo.</source>
        <translation>Duplicate record: it is resolved with a merge, not with a field correction.</translation>
    </message>
    <message>
        <source>El valor viene de un registro duplicado en su sistema, y cada copia propone el suyo: fusione primero los duplicados; después se propone la corrección con el valor que quede.</source>
        <translation>The value comes from a duplicate record in its system, and each copy proposes its own: merge the duplicates first; then the correction is proposed with the value that remains.</translation>
    </message>
    <message>
        <source>Recibo duplicado: revise si es un pago doble o un número mal digitado; los pagos no se fusionan.</source>
        <translation>Duplicate receipt: check whether it is a double payment or a mistyped number; payments are not merged.</translation>
    </message>
    <message>
        <source>El CRM registra la venta y el ERP aún ofrece el VIN como disponible: registre el pedido o la factura en el ERP y reserve el VIN; no se propone devolver el CRM a «Disponible».</source>
        <translation>The CRM records the sale and the ERP still offers the VIN as available: record the order or the invoice in the ERP and reserve the VIN; returning the CRM to «Available» is not proposed.</translation>
    </message>
    <message>
        <source>Ningún sistema tiene un valor válido para este dato: complételo a mano.</source>
        <translation>Neither system has a valid value for this field: complete it by hand.</translation>
    </message>
    <message>
        <source>El NIT no permite calcular el DV: revise el documento a mano.</source>
        <translation>The check digit cannot be computed from this NIT: check the document by hand.</translation>
    </message>
    <message>
        <source>Los dos sistemas ya tienen el mismo valor: no hay nada que corregir.</source>
        <translation>Both systems already hold the same value: there is nothing to correct.</translation>
    </message>
    <message>
        <source>No se encontró el registro en los datos de la conciliación: vuelva a conciliar.</source>
        <translation>The record was not found in the reconciliation&apos;s data: reconcile again.</translation>
    </message>
    <message>
        <source>Este hallazgo no se corrige con un cambio de campo: revíselo.</source>
        <translation>This finding is not corrected with a field change: review it.</translation>
    </message>
    <message>
        <source>; el sistema tiene {value}</source>
        <translation>; the system holds {value}</translation>
    </message>
    <message>
        <source>Envío: {what}</source>
        <translation>Push: {what}</translation>
    </message>
    <message>
        <source>nada pendiente</source>
        <translation>nothing pending</translation>
    </message>
    <message>
        <source>; {n} no se enviaron (contenido alterado)</source>
        <translation>; {n} were not sent (content altered)</translation>
    </message>
    <message>
        <source>; {n} las estaba enviando otro proceso</source>
        <translation>; {n} were being sent by another process</translation>
    </message>
    <message>
        <source>. Cancelado: quedan {n} por enviar</source>
        <translation>. Cancelled: {n} left to send</translation>
    </message>
    <message>
        <source>1 corrección por enviar</source>
        <translation>1 correction to send</translation>
    </message>
    <message>
        <source>{n} correcciones por enviar</source>
        <translation>{n} corrections to send</translation>
    </message>
    <message>
        <source>Elija primero quién trabaja (Usuario).</source>
        <translation>First choose who is working (User).</translation>
    </message>
    <message>
        <source>Nuevo: {what}, {value}</source>
        <translation>New: {what}, {value}</translation>
    </message>
    <message>
        <source>Nuevo cliente: {name} ({doc})</source>
        <translation>New customer: {name} ({doc})</translation>
    </message>
    <message>
        <source>Nuevo: {value}</source>
        <translation>New: {value}</translation>
    </message>
    <message>
        <source>Pedido que reserva el vehículo para {doc}: {old} → {new}</source>
        <translation>Order reserving the vehicle for {doc}: {old} → {new}</translation>
    </message>
    <message>
        <source>La corrección ya está {state}.</source>
        <translation>The correction is already {state}.</translation>
    </message>
    <message>
        <source>Usted propuso o editó esta corrección: debe aprobarla otra persona.</source>
        <translation>You proposed or edited this correction: someone else must approve it.</translation>
    </message>
    <message>
        <source>Su usuario no tiene el rol de aprobar.</source>
        <translation>Your login does not have the role to approve.</translation>
    </message>
    <message>
        <source>Su usuario no tiene el rol de aprobar o rechazar.</source>
        <translation>Your login does not have the role to approve or reject.</translation>
    </message>
    <message>
        <source>Solo una corrección propuesta se puede aplazar.</source>
        <translation>Only a proposed correction can be deferred.</translation>
    </message>
    <message>
        <source>Solo una corrección en conflicto o fallida se decide de nuevo.</source>
        <translation>Only a correction in conflict or failed is decided again.</translation>
    </message>
    <message>
        <source>Una fusión que no se aplicó se propone de nuevo desde el hallazgo de duplicados («Fusionar…»).</source>
        <translation>A merge that was not applied is proposed again from the duplicates finding («Merge…»).</translation>
    </message>
    <message>
        <source>Su usuario no tiene el rol de proponer.</source>
        <translation>Your login does not have the role to propose.</translation>
    </message>
    <message>
        <source>Solo se deshace una corrección o fusión aplicada.</source>
        <translation>Only an applied correction or merge is undone.</translation>
    </message>
    <message>
        <source>«{login}» no está registrado con un rol para conciliar en el espacio de trabajo (propone, aprueba o administra).</source>
        <translation>«{login}» is not registered with a role to reconcile in the workspace (proposes, approves or administers).</translation>
    </message>
    <message>
        <source>Las propuestas guardadas de la conciliación {id} no coinciden con su huella: el almacén fue alterado.</source>
        <translation>The saved proposals of the reconciliation {id} do not match their fingerprint: the store was altered.</translation>
    </message>
    <message>
        <source>vacío</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>«{text}» no es un valor en pesos.</source>
        <translation>«{text}» is not an amount in pesos.</translation>
    </message>
    <message>
        <source>«{text}» no es una fecha (dd/mm/aaaa).</source>
        <translation>«{text}» is not a date (dd/mm/yyyy).</translation>
    </message>
</context>
<context>
    <name>cli.audit</name>
    <message>
        <source>verificar o exportar el registro de auditoría</source>
        <translation>verify or export the audit log</translation>
    </message>
    <message>
        <source>Verifica la cadena de huellas del registro de auditoría o lo exporta a XLSX/CSV.</source>
        <translation>Verifies the audit log&apos;s chain of hashes or exports it to XLSX/CSV.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>almacén de trabajo: URL de SQLAlchemy (sqlite:///…, postgresql://usuario@…); por defecto, el de la carpeta de datos</source>
        <translation>workspace store: an SQLAlchemy URL (sqlite:///…, postgresql://user@…); by default, the one in the data folder</translation>
    </message>
    <message>
        <source>comprobar que nadie alteró el registro</source>
        <translation>check that nobody altered the log</translation>
    </message>
    <message>
        <source>Recorre el registro y comprueba cada huella; termina con 0 si está íntegro y con 1 indicando la primera fila alterada.</source>
        <translation>Walks the log and checks every hash; exits with 0 when it is intact, and with 1 naming the first altered row.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>N:HUELLA</source>
        <translation>N:HASH</translation>
    </message>
    <message>
        <source>una huella anotada antes (fila N); detecta un registro reescrito</source>
        <translation>a hash noted before (row N); detects a rewritten log</translation>
    </message>
    <message>
        <source>ARCHIVO</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>verificar también contra cada ancla de este archivo (por defecto CUADRE_ANCHOR_FILE)</source>
        <translation>also verify against every anchor in this file (default CUADRE_ANCHOR_FILE)</translation>
    </message>
    <message>
        <source>anotar la cabeza del registro en un archivo de anclas</source>
        <translation>write the trail&apos;s head down in an anchor file</translation>
    </message>
    <message>
        <source>Verifica el registro contra las anclas del archivo y, si está íntegro, le añade una línea con su cabeza. El archivo va fuera del espacio de trabajo: otro disco, una memoria USB, una carpeta que solo escriba auditoría.</source>
        <translation>Verifies the trail against the file&apos;s anchors and, when it is intact, adds a line with its head. The file lives outside the workspace: another disk, a USB key, a folder only auditing writes to.</translation>
    </message>
    <message>
        <source>el archivo de anclas (por defecto CUADRE_ANCHOR_FILE)</source>
        <translation>the anchor file (default CUADRE_ANCHOR_FILE)</translation>
    </message>
    <message>
        <source>exportar el registro a XLSX o CSV</source>
        <translation>export the log to XLSX or CSV</translation>
    </message>
    <message>
        <source>Escribe el registro completo en un archivo .xlsx o .csv seguro de abrir en una hoja de cálculo.</source>
        <translation>Writes the whole log to an .xlsx or .csv file that is safe to open in a spreadsheet.</translation>
    </message>
    <message>
        <source>archivo de salida (.xlsx o .csv)</source>
        <translation>output file (.xlsx or .csv)</translation>
    </message>
    <message>
        <source>cuadre audit: {exc}.</source>
        <translation>cuadre audit: {exc}.</translation>
    </message>
    <message>
        <source>cuadre audit anchor: indique el archivo de anclas (--anchor-file o CUADRE_ANCHOR_FILE).</source>
        <translation>cuadre audit anchor: give the anchor file (--anchor-file or CUADRE_ANCHOR_FILE).</translation>
    </message>
    <message>
        <source>cuadre audit export: el archivo debe terminar en .xlsx o .csv.</source>
        <translation>cuadre audit export: the file must end in .xlsx or .csv.</translation>
    </message>
    <message>
        <source>cuadre audit: {exc}</source>
        <translation>cuadre audit: {exc}</translation>
    </message>
    <message>
        <source>Ancla para la próxima verificación: --anchor {count}:{hash}</source>
        <translation>Anchor for the next verification: --anchor {count}:{hash}</translation>
    </message>
    <message>
        <source>El registro está vacío.</source>
        <translation>The log is empty.</translation>
    </message>
    <message>
        <source>{count} filas exportadas a {out}</source>
        <translation>{count} rows exported to {out}</translation>
    </message>
    <message>
        <source>Ancla {count}:{hash} anotada en {path}.</source>
        <translation>Anchor {count}:{hash} written down in {path}.</translation>
    </message>
</context>
<context>
    <name>cli.common</name>
    <message>
        <source>almacén de trabajo: URL de SQLAlchemy (sqlite:///…, postgresql://usuario@…); por defecto CUADRE_STORE o el archivo de la carpeta de datos</source>
        <translation>workspace store: an SQLAlchemy URL (sqlite:///…, postgresql://user@…); by default CUADRE_STORE or the file in the data folder</translation>
    </message>
    <message>
        <source>quién trabaja (su usuario); por defecto, la variable CUADRE_USER. Su clave sale del almacén seguro del sistema: «cuadre people login USUARIO» la guarda una vez</source>
        <translation>who works (their login); by default, the CUADRE_USER variable. Their passphrase comes from the system&apos;s secure store: «cuadre people login LOGIN» saves it once</translation>
    </message>
    <message>
        <source>Códigos de salida: 0 hecho; 1 falló o queda algo pendiente (un conflicto, un envío fallido o en cola); 2 uso incorrecto; 3 rechazado por maker-checker o por los roles; 130 cancelado (Ctrl+C).</source>
        <translation>Exit codes: 0 done; 1 failed or something is left to do (a conflict, a failed or queued send); 2 wrong usage; 3 refused by maker-checker or by the roles; 130 cancelled (Ctrl+C).</translation>
    </message>
    <message>
        <source>nombre del espacio de trabajo (la conciliación): por defecto CUADRE_WORKSPACE, o el más reciente</source>
        <translation>name of the workspace (the reconciliation): by default CUADRE_WORKSPACE, or the most recent one</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>USUARIO</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>escribir el resultado en JSON (para programas)</source>
        <translation>write the result as JSON (for programs)</translation>
    </message>
    <message>
        <source>indique quién trabaja: --as USUARIO, o la variable CUADRE_USER</source>
        <translation>say who is working: --as LOGIN, or the CUADRE_USER variable</translation>
    </message>
    <message>
        <source>cuadre {command}: {message}</source>
        <translation>cuadre {command}: {message}</translation>
    </message>
    <message>
        <source>«{text}» no es una entidad: use {entity_choices}</source>
        <translation>«{text}» is not an entity: use {entity_choices}</translation>
    </message>
    <message>
        <source>{some} o {last}</source>
        <translation>{some} or {last}</translation>
    </message>
    <message>
        <source>se esperaba un número entero, no «{text}»</source>
        <translation>expected a whole number, not «{text}»</translation>
    </message>
    <message>
        <source>{what} desconocido «{text}»; use uno de: {known}</source>
        <translation>unknown {what} «{text}»; use one of: {known}</translation>
    </message>
    <message>
        <source>«{given}» es muy corto para un id: escriba al menos {least} caracteres</source>
        <translation>«{given}» is too short for an id: type at least {least} characters</translation>
    </message>
    <message>
        <source>no hay {none} con el id «{given}»</source>
        <translation>there is {none} with the id «{given}»</translation>
    </message>
    <message>
        <source>«{given}» es el comienzo de {count} {many} ({names}): escriba más caracteres</source>
        <translation>«{given}» is the beginning of {count} {many} ({names}): type more characters</translation>
    </message>
</context>
<context>
    <name>cli.corrections</name>
    <message>
        <source>solo de esa entidad: {entities}</source>
        <translation>only that entity: {entities}</translation>
    </message>
    <message>
        <source>ENTIDAD</source>
        <translation>ENTITY</translation>
    </message>
    <message>
        <source>proponer, aprobar y listar correcciones</source>
        <translation>propose, approve and list corrections</translation>
    </message>
    <message>
        <source>Las propuestas de la última conciliación guardada y las correcciones con maker-checker: quien propone no aprueba.</source>
        <translation>The proposals of the latest saved reconciliation and the corrections under maker-checker: whoever proposes does not approve.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>las propuestas de la última conciliación guardada</source>
        <translation>the proposals of the latest saved reconciliation</translation>
    </message>
    <message>
        <source>Lista las propuestas de la conciliación guardada más reciente: su identificador, si se pueden proponer para enviar y, si no, por qué.</source>
        <translation>Lists the proposals of the most recent saved reconciliation: their identifier, whether they can be proposed for sending and, if not, why.</translation>
    </message>
    <message>
        <source>solo las que se pueden proponer para enviar</source>
        <translation>only those that can be proposed for sending</translation>
    </message>
    <message>
        <source>proponer correcciones desde las propuestas</source>
        <translation>propose corrections from the proposals</translation>
    </message>
    <message>
        <source>Propone las propuestas indicadas por su identificador, o todas las que se pueden enviar (--all, con --entity y --field para acotar).</source>
        <translation>Proposes the proposals given by their identifier, or every one that can be sent (--all, with --entity and --field to narrow it).</translation>
    </message>
    <message>
        <source>IDENT</source>
        <translation>IDENT</translation>
    </message>
    <message>
        <source>identificador de la propuesta</source>
        <translation>identifier of the proposal</translation>
    </message>
    <message>
        <source>todas las que se pueden proponer y aún no están propuestas</source>
        <translation>every one that can be proposed and is not proposed yet</translation>
    </message>
    <message>
        <source>TEXTO</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>comentario para quien apruebe</source>
        <translation>comment for the approver</translation>
    </message>
    <message>
        <source>listar las correcciones</source>
        <translation>list the corrections</translation>
    </message>
    <message>
        <source>Lista las correcciones, la más reciente primero.</source>
        <translation>Lists the corrections, the most recent first.</translation>
    </message>
    <message>
        <source>ESTADO</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>propuesta, aprobada, rechazada, aplazada, en cola, aplicada, en conflicto, fallida…</source>
        <translation>proposed, approved, rejected, deferred, queued, applied, in conflict, failed…</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>solo de ese espacio de trabajo</source>
        <translation>only that workspace</translation>
    </message>
    <message>
        <source>aprobar correcciones propuestas</source>
        <translation>approve proposed corrections</translation>
    </message>
    <message>
        <source>Aprueba las correcciones indicadas por su id, o todas las propuestas (--all).</source>
        <translation>Approves the corrections given by their id, or every proposed one (--all).</translation>
    </message>
    <message>
        <source>rechazar correcciones propuestas</source>
        <translation>reject proposed corrections</translation>
    </message>
    <message>
        <source>Rechaza las correcciones indicadas por su id, o todas las propuestas (--all).</source>
        <translation>Rejects the corrections given by their id, or every proposed one (--all).</translation>
    </message>
    <message>
        <source>aplazar correcciones propuestas</source>
        <translation>defer proposed corrections</translation>
    </message>
    <message>
        <source>Aplaza las correcciones indicadas por su id, o todas las propuestas (--all).</source>
        <translation>Defers the corrections given by their id, or every proposed one (--all).</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>id de la corrección</source>
        <translation>id of the correction</translation>
    </message>
    <message>
        <source>todas las propuestas</source>
        <translation>every proposed one</translation>
    </message>
    <message>
        <source>con --all: {what}</source>
        <translation>with --all: {what}</translation>
    </message>
    <message>
        <source>con --all: solo de ese espacio de trabajo</source>
        <translation>with --all: only that workspace</translation>
    </message>
    <message>
        <source>comentario (queda en la auditoría)</source>
        <translation>comment (kept in the audit log)</translation>
    </message>
    <message>
        <source>cambiar el valor nuevo de una corrección</source>
        <translation>change the new value of a correction</translation>
    </message>
    <message>
        <source>Cambia el valor nuevo de una corrección; si estaba aprobada, pierde la aprobación y quien la edita ya no puede aprobarla.</source>
        <translation>Changes the new value of a correction; if it was approved, it loses the approval and whoever edits it can no longer approve it.</translation>
    </message>
    <message>
        <source>VALOR</source>
        <translation>VALUE</translation>
    </message>
    <message>
        <source>el valor nuevo (pesos como 1.200.000; fechas dd/mm/aaaa; vacío: borrar)</source>
        <translation>the new value (pesos as 1.200.000; dates dd/mm/yyyy; empty: clear it)</translation>
    </message>
    <message>
        <source>comentario</source>
        <translation>comment</translation>
    </message>
    <message>
        <source>proponer deshacer una corrección o fusión aplicada</source>
        <translation>propose undoing an applied correction or merge</translation>
    </message>
    <message>
        <source>Propone una corrección nueva que devuelve el registro al valor que tenía antes (o deshace una fusión); necesita su propia aprobación.</source>
        <translation>Proposes a new correction that takes the record back to the value it had before (or undoes a merge); it needs its own approval.</translation>
    </message>
    <message>
        <source>id de la corrección aplicada</source>
        <translation>id of the applied correction</translation>
    </message>
    <message>
        <source>por qué se deshace</source>
        <translation>why it is undone</translation>
    </message>
    <message>
        <source>devolver a «propuesta» una corrección en conflicto o fallida</source>
        <translation>return a correction in conflict or failed to «proposed»</translation>
    </message>
    <message>
        <source>Devuelve a «propuesta» una corrección en conflicto (con el valor que hoy tiene el sistema como punto de partida), fallida o rechazada por el sistema; necesita una aprobación nueva, de otra persona.</source>
        <translation>Returns to «proposed» a correction in conflict (starting from the value the system holds today), failed or rejected by the system; it needs a new approval, by another person.</translation>
    </message>
    <message>
        <source>otro valor nuevo (por defecto, el mismo)</source>
        <translation>another new value (by default, the same)</translation>
    </message>
    <message>
        <source>CAMPO</source>
        <translation>FIELD</translation>
    </message>
    <message>
        <source>solo de ese campo (teléfono, correo, nombre, ciudad…, o su código: phone, email…; repita para varios)</source>
        <translation>only that field (its code, such as phone or email, or its name; repeat for several)</translation>
    </message>
    <message>
        <source>otra conciliación guardada (por su id)</source>
        <translation>another saved reconciliation (by its id)</translation>
    </message>
    <message>
        <source>no existe la conciliación guardada «{strip}»</source>
        <translation>there is no saved reconciliation «{strip}»</translation>
    </message>
    <message>
        <source> en «{name}»</source>
        <translation> in «{name}»</translation>
    </message>
    <message>
        <source>No hay conciliaciones guardadas{where}: ejecute primero «cuadre workspace reconcile …».</source>
        <translation>There are no saved reconciliations{where}: first run «cuadre workspace reconcile …».</translation>
    </message>
    <message>
        <source>ya propuesta ({states})</source>
        <translation>already proposed ({states})</translation>
    </message>
    <message>
        <source>se puede proponer</source>
        <translation>can be proposed</translation>
    </message>
    <message>
        <source>no se envía</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>Nuevo cliente: {name} ({doc})</source>
        <translation>New customer: {name} ({doc})</translation>
    </message>
    <message>
        <source>Conciliación «{workspace}» del {when_said} ({id}), por {actor}: {source}</source>
        <translation>Reconciliation «{workspace}» of {when_said} ({id}), by {actor}: {source}</translation>
    </message>
    <message>
        <source>No hay propuestas con esos filtros.</source>
        <translation>No proposals match those filters.</translation>
    </message>
    <message>
        <source>Ident</source>
        <translation>Ident</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Hallazgo</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Sistema</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Cambio</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <source>
Por qué no se envían:</source>
        <translation>
Why they are not sent:</translation>
    </message>
    <message>
        <source>  {count} × {reason}</source>
        <translation>  {count} × {reason}</translation>
    </message>
    <message>
        <source>
{sum} se pueden proponer: cuadre corrections propose --as USUARIO --all (o IDENT…)</source>
        <translation>
{sum} can be proposed: cuadre corrections propose --as LOGIN --all (or IDENT…)</translation>
    </message>
    <message>
        <source>Además: {count} fusiones de duplicados (se proponen en la ventana) y {count2} notas crédito/débito para contabilidad (--json las lista).</source>
        <translation>Also: {count} merges of duplicates (proposed in the window) and {count2} credit/debit notes for accounting (--json lists them).</translation>
    </message>
    <message>
        <source>indique las propuestas (IDENT…) o --all: una de las dos</source>
        <translation>give the proposals (IDENT…) or --all: one of the two</translation>
    </message>
    <message>
        <source>{already} ya estaba propuesta</source>
        <translation>{already} was already proposed</translation>
    </message>
    <message>
        <source>{already} ya estaban propuestas</source>
        <translation>{already} were already proposed</translation>
    </message>
    <message>
        <source>{proposed} propuestas hechas ({corrections} correcciones)</source>
        <translation>{proposed} proposals made ({corrections} corrections)</translation>
    </message>
    <message>
        <source>; {count} no se pudieron</source>
        <translation>; {count} could not be made</translation>
    </message>
    <message>
        <source>No hay correcciones con esos filtros.</source>
        <translation>No corrections match those filters.</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Propuso</source>
        <translation>Proposed by</translation>
    </message>
    <message>
        <source>Aprobó</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Actualizada</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>aprobadas</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>rechazadas</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>aplazadas</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>aprobada</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>rechazada</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>aplazada</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>indique las correcciones (ID…) o --all: una de las dos</source>
        <translation>give the corrections (ID…) or --all: one of the two</translation>
    </message>
    <message>
        <source>; {left} las propuso o editó usted: debe aprobarlas otra persona</source>
        <translation>; you proposed or edited {left} of them: another person must approve them</translation>
    </message>
    <message>
        <source>La corrección perdió su aprobación: debe aprobarla otra persona.</source>
        <translation>The correction lost its approval: another person must approve it.</translation>
    </message>
    <message>
        <source>Propuesta para deshacer: debe aprobarla otra persona antes de enviarla.</source>
        <translation>Proposed to undo: another person must approve it before it is sent.</translation>
    </message>
    <message>
        <source>Vuelve a «propuesta»: necesita una aprobación nueva, de otra persona.</source>
        <translation>Back to «proposed»: it needs a new approval, by another person.</translation>
    </message>
</context>
<context>
    <name>cli.count</name>
    <message>
        <source>comparar un conteo físico del patio con el inventario del ERP</source>
        <translation>compare a physical count of the yard with the ERP&apos;s stock</translation>
    </message>
    <message>
        <source>Compara los VIN contados en una sede con el inventario del ERP.</source>
        <translation>Compares the VINs counted at a branch with the ERP&apos;s stock.</translation>
    </message>
    <message>
        <source>ARCHIVO</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>conteo (CSV o XLSX con una columna VIN)</source>
        <translation>count (CSV or XLSX with a VIN column)</translation>
    </message>
    <message>
        <source>SEDE</source>
        <translation>BRANCH</translation>
    </message>
    <message>
        <source>sede contada, como la nombra el ERP</source>
        <translation>branch counted, as the ERP names it</translation>
    </message>
    <message>
        <source>inventario del ERP de la demostración</source>
        <translation>the demo&apos;s ERP stock</translation>
    </message>
    <message>
        <source>FUENTE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>el inventario del ERP: {sources}</source>
        <translation>the ERP&apos;s stock: {sources}</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>el inventario del ERP de un perfil guardado en Conexiones</source>
        <translation>the ERP&apos;s stock from a profile saved in Connections</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>columnas del inventario del ERP: {&quot;vin&quot;: &quot;Encabezado&quot;}</source>
        <translation>columns of the ERP&apos;s stock: {&quot;vin&quot;: &quot;Header&quot;}</translation>
    </message>
    <message>
        <source>archivo JSON de salida</source>
        <translation>output JSON file</translation>
    </message>
    <message>
        <source>no mostrar el resumen</source>
        <translation>do not show the summary</translation>
    </message>
    <message>
        <source>
Informe escrito en {out}</source>
        <translation>
Report written to {out}</translation>
    </message>
    <message>
        <source>indique el inventario del ERP: --demo, --erp FUENTE o --profile NOMBRE</source>
        <translation>give the ERP&apos;s stock: --demo, --erp SOURCE or --profile NAME</translation>
    </message>
    <message>
        <source> (uno solo, no {given})</source>
        <translation> (only one, not {given})</translation>
    </message>
    <message>
        <source> y </source>
        <translation> and </translation>
    </message>
    <message>
        <source>--mapping va con --erp (un perfil ya trae sus columnas)</source>
        <translation>--mapping goes with --erp (a profile brings its own columns)</translation>
    </message>
</context>
<context>
    <name>cli.credentials</name>
    <message>
        <source>guardar o borrar la clave de una fuente en el almacén seguro del sistema</source>
        <translation>save or delete a source&apos;s key in the system&apos;s secure store</translation>
    </message>
    <message>
        <source>Guarda la contraseña, clave de API o token de una fuente en el almacén seguro del sistema (Administrador de credenciales de Windows, Llavero de macOS, Secret Service en Linux), nunca en un archivo.</source>
        <translation>Saves a source&apos;s password, API key or token in the system&apos;s secure store (Windows Credential Manager, macOS Keychain, Secret Service on Linux), never in a file.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>guardar la credencial de una fuente</source>
        <translation>save a source&apos;s credential</translation>
    </message>
    <message>
        <source>Pide la credencial sin mostrarla (o lee una línea de la entrada estándar) y la guarda para la fuente.</source>
        <translation>Asks for the credential without showing it (or reads one line from standard input) and saves it for the source.</translation>
    </message>
    <message>
        <source>FUENTE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>la fuente tal como se escribe en --crm/--erp: URL de base de datos, http(s)://…, odoo://USUARIO@SERVIDOR/BASE, hubspot://PORTAL (guarda el token de la app privada), siigo://USUARIO@empresa (la clave de acceso de Siigo) o alegra://CORREO@empresa (el token de la API de Alegra)</source>
        <translation>the source as written in --crm/--erp: a database URL, http(s)://…, odoo://USER@SERVER/DATABASE, hubspot://PORTAL (saves the private app&apos;s token), siigo://USER@company (Siigo&apos;s access key) or alegra://EMAIL@company (Alegra&apos;s API token)</translation>
    </message>
    <message>
        <source>borrar la credencial guardada de una fuente</source>
        <translation>delete a source&apos;s saved credential</translation>
    </message>
    <message>
        <source>ver qué almacén se usa y si es seguro</source>
        <translation>see which store is used and whether it is secure</translation>
    </message>
    <message>
        <source>Muestra el almacén de credenciales en uso y si es seguro; con una fuente, dice si tiene una credencial guardada (sin mostrarla).</source>
        <translation>Shows the credential store in use and whether it is secure; with a source, says whether it has a saved credential (without showing it).</translation>
    </message>
    <message>
        <source>cuadre credentials: {message}</source>
        <translation>cuadre credentials: {message}</translation>
    </message>
    <message>
        <source>lo escrito como FUENTE es un archivo, que no necesita credencial: se lee sin contraseña (no se muestra, por si era la credencial: nunca va en la línea de órdenes).</source>
        <translation>what was written as SOURCE is a file, which needs no credential: it is read without a password (not shown, in case it was the credential: that never goes on the command line).</translation>
    </message>
    <message>
        <source>la fuente {source} no necesita credencial: se lee sin contraseña.</source>
        <translation>the source {source} needs no credential: it is read without a password.</translation>
    </message>
    <message>
        <source>Credencial (contraseña, clave de API o token) para {ref}: </source>
        <translation>Credential (password, API key or token) for {ref}: </translation>
    </message>
    <message>
        <source>no se puede guardar la credencial: {where}. Cuadre solo guarda contraseñas y tokens en el almacén seguro del sistema.</source>
        <translation>the credential cannot be saved: {where}. Cuadre only keeps passwords and tokens in the system&apos;s secure store.</translation>
    </message>
    <message>
        <source>no se recibió ninguna credencial; no se guardó nada.</source>
        <translation>no credential was received; nothing was saved.</translation>
    </message>
    <message>
        <source>Credencial guardada para {ref} en {where}.</source>
        <translation>Credential saved for {ref} in {where}.</translation>
    </message>
    <message>
        <source>Se borró la credencial de {ref} guardada en {backend_status}.</source>
        <translation>The credential of {ref} saved in {backend_status} was deleted.</translation>
    </message>
    <message>
        <source>no había una credencial guardada para {ref}.</source>
        <translation>there was no saved credential for {ref}.</translation>
    </message>
    <message>
        <source>{where}. Cuadre no guardará credenciales mientras no haya un almacén seguro.</source>
        <translation>{where}. Cuadre will not save credentials until there is a secure store.</translation>
    </message>
    <message>
        <source>Almacén de credenciales en uso: {where}, que es seguro.</source>
        <translation>Credential store in use: {where}, which is secure.</translation>
    </message>
    <message>
        <source>no hay una credencial guardada para {ref}.</source>
        <translation>there is no saved credential for {ref}.</translation>
    </message>
    <message>
        <source>Hay una credencial guardada para {ref}.</source>
        <translation>There is a saved credential for {ref}.</translation>
    </message>
</context>
<context>
    <name>cli.display</name>
    <message>
        <source>cuadre: la ventana necesita una sesión de escritorio y aquí no hay pantalla; ábrala desde el escritorio, o aquí con una pantalla virtual («{virtual}»), o trabaje sin ventana con la línea de comandos («{cli} reconcile --demo», «{cli} --help»).</source>
        <translation>cuadre: the window needs a desktop session and there is no screen here; open it from the desktop, or here on a virtual screen («{virtual}»), or work without a window on the command line («{cli} reconcile --demo», «{cli} --help»).</translation>
    </message>
</context>
<context>
    <name>cli.feed</name>
    <message>
        <source>escribir el inventario disponible para anuncios (Meta, Google o las líneas «Quedan N»)</source>
        <translation>write the available stock for ads (Meta, Google or the «N left» lines)</translation>
    </message>
    <message>
        <source>Concilia lo indicado y escribe los vehículos disponibles y sin reservar del ERP en el formato de catálogo de vehículos de Meta o de Google (una fila por VIN), o las líneas «Quedan N» por modelo y sede en CSV. Lista los vehículos que deja por fuera y por qué.</source>
        <translation>Reconciles what is given and writes the ERP&apos;s available, unreserved vehicles in Meta&apos;s or Google&apos;s vehicle catalog format (one row per VIN), or the «N left» lines per model and branch as CSV. Lists the vehicles it leaves out and why.</translation>
    </message>
    <message>
        <source>FORMATO</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>meta (catálogo de vehículos de Meta), google (anuncios de vehículos de Google) o csv (líneas «Quedan N»)</source>
        <translation>meta (Meta vehicle catalog), google (Google vehicle ads) or csv («N left» lines)</translation>
    </message>
    <message>
        <source>ARCHIVO</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>el archivo CSV que se escribe</source>
        <translation>the CSV file written</translation>
    </message>
    <message>
        <source>configuración del feed (JSON: sedes, fotos, página de los vehículos); por defecto feed.json en la carpeta de datos, o la de la demostración</source>
        <translation>feed settings (JSON: branches, photos, the vehicles&apos; page); by default feed.json in the data folder, or the demo&apos;s</translation>
    </message>
    <message>
        <source>escribir el resumen en JSON (para programas)</source>
        <translation>write the summary as JSON (for programs)</translation>
    </message>
    <message>
        <source>no mostrar el progreso</source>
        <translation>do not show progress</translation>
    </message>
    <message>
        <source>no existe la carpeta {folder} donde escribir el feed</source>
        <translation>the folder {folder} to write the feed in does not exist</translation>
    </message>
    <message>
        <source>no existe el archivo de configuración {path}</source>
        <translation>the settings file {path} does not exist</translation>
    </message>
    <message>
        <source>no se pudo escribir el feed {path}: {why}</source>
        <translation>could not write the feed {path}: {why}</translation>
    </message>
    <message>
        <source>Feed escrito en {path}: {rows} filas.</source>
        <translation>Feed written to {path}: {rows} rows.</translation>
    </message>
</context>
<context>
    <name>cli.findings</name>
    <message>
        <source>los hallazgos: estado, responsable, explicación y conciliación a mano</source>
        <translation>the findings: state, owner, explanation and matching by hand</translation>
    </message>
    <message>
        <source>Los hallazgos de la última conciliación guardada del espacio de trabajo: su estado, a quién se asignaron, por qué siguen ahí, y conciliar a mano lo que quedó sin contraparte.</source>
        <translation>The findings of the workspace&apos;s latest saved reconciliation: their state, who they were assigned to, why they are still there, and matching by hand what was left without a counterpart.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>listar los hallazgos</source>
        <translation>list the findings</translation>
    </message>
    <message>
        <source>Lista los hallazgos vivos (los resueltos con --state resuelta), los de más pesos en juego primero.</source>
        <translation>Lists the live findings (the resolved ones with --state resolved), those with the most pesos at stake first.</translation>
    </message>
    <message>
        <source>ESTADO</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>{states} (repita para varios)</source>
        <translation>{states} (repeat for several)</translation>
    </message>
    <message>
        <source>ENTIDAD</source>
        <translation>ENTITY</translation>
    </message>
    <message>
        <source>solo de esa entidad (clientes, pagos o vehículos)</source>
        <translation>only that entity (customers, payments or vehicles)</translation>
    </message>
    <message>
        <source>USUARIO</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>solo los asignados a esa persona</source>
        <translation>only those assigned to that person</translation>
    </message>
    <message>
        <source>AAAA-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <source>solo los de ese mes (la fecha del pago, o cuando se vio primero)</source>
        <translation>only those of that month (the payment&apos;s date, or when it was first seen)</translation>
    </message>
    <message>
        <source>SEDE</source>
        <translation>BRANCH</translation>
    </message>
    <message>
        <source>solo los de esa sede</source>
        <translation>only those of that branch</translation>
    </message>
    <message>
        <source>los motivos para explicar un hallazgo</source>
        <translation>the reasons to explain a finding</translation>
    </message>
    <message>
        <source>Los motivos con que se explica un hallazgo o la diferencia de una conciliación a mano.</source>
        <translation>The reasons that explain a finding or the difference of a match by hand.</translation>
    </message>
    <message>
        <source>asignar un hallazgo a una persona</source>
        <translation>assign a finding to a person</translation>
    </message>
    <message>
        <source>Asigna un hallazgo a una persona del espacio de trabajo.</source>
        <translation>Assigns a finding to a person of the workspace.</translation>
    </message>
    <message>
        <source>a quién se asigna</source>
        <translation>who it is assigned to</translation>
    </message>
    <message>
        <source>TEXTO</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>un comentario</source>
        <translation>a comment</translation>
    </message>
    <message>
        <source>explicar por qué sigue un hallazgo</source>
        <translation>explain why a finding remains</translation>
    </message>
    <message>
        <source>Explica un hallazgo con un motivo de la lista (cuadre findings reasons) y un comentario.</source>
        <translation>Explains a finding with a reason from the list (cuadre findings reasons) and a comment.</translation>
    </message>
    <message>
        <source>MOTIVO</source>
        <translation>REASON</translation>
    </message>
    <message>
        <source>código o nombre del motivo (en_transito… o «pago en tránsito»)</source>
        <translation>code or name of the reason (in_transit… or «payment in transit»)</translation>
    </message>
    <message>
        <source>la explicación</source>
        <translation>the explanation</translation>
    </message>
    <message>
        <source>volver a abrir un hallazgo</source>
        <translation>open a finding again</translation>
    </message>
    <message>
        <source>Deja un hallazgo explicado o asignado otra vez abierto (con su responsable, si tiene).</source>
        <translation>Opens an explained or assigned finding again (with its owner, if it has one).</translation>
    </message>
    <message>
        <source>por qué se reabre</source>
        <translation>why it is reopened</translation>
    </message>
    <message>
        <source>candidatos del otro sistema para un registro sin contraparte</source>
        <translation>candidates from the other system for a record without a counterpart</translation>
    </message>
    <message>
        <source>Para un pago, recibo, cliente o vehículo sin contraparte, los registros del otro sistema que tampoco la tienen, ordenados con el porqué.</source>
        <translation>For a payment, receipt, customer or vehicle without a counterpart, the records of the other system that have none either, ranked, with the reason.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>cuántos mostrar (10; 0 para todos)</source>
        <translation>how many to show (10; 0 for all)</translation>
    </message>
    <message>
        <source>conciliar a mano un registro con uno o varios del otro sistema</source>
        <translation>match by hand a record with one or several of the other system</translation>
    </message>
    <message>
        <source>Concilia a mano el registro de un hallazgo con uno o varios candidatos del otro sistema (1:1, 1:n o n:1). Si los valores difieren, diga el motivo (redondeo, comisión bancaria o retención).</source>
        <translation>Matches by hand a finding&apos;s record with one or several candidates of the other system (1:1, 1:n or n:1). If the amounts differ, give the reason (rounding, bank fee or withholding).</translation>
    </message>
    <message>
        <source>CANDIDATO</source>
        <translation>CANDIDATE</translation>
    </message>
    <message>
        <source>id del hallazgo del otro sistema (como lo muestra candidates)</source>
        <translation>id of the other system&apos;s finding (as candidates shows it)</translation>
    </message>
    <message>
        <source>por qué (obligatorio al conciliar)</source>
        <translation>why (required to match)</translation>
    </message>
    <message>
        <source>motivo de la diferencia: redondeo, comisión bancaria o retención</source>
        <translation>reason for the difference: rounding, bank fee or withholding</translation>
    </message>
    <message>
        <source>mostrar los totales y la diferencia sin conciliar</source>
        <translation>show the totals and the difference without matching</translation>
    </message>
    <message>
        <source>deshacer una conciliación a mano</source>
        <translation>undo a match by hand</translation>
    </message>
    <message>
        <source>Deshace la conciliación a mano que incluye este hallazgo: sus hallazgos vuelven a estar abiertos.</source>
        <translation>Undoes the match by hand that includes this finding: its findings are open again.</translation>
    </message>
    <message>
        <source>por qué se deshace</source>
        <translation>why it is undone</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>id del hallazgo (6 caracteres o más)</source>
        <translation>id of the finding (6 characters or more)</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>estado</source>
        <translation>state</translation>
    </message>
    <message>
        <source>No hay hallazgos así en «{name}».</source>
        <translation>There are no such findings in «{name}».</translation>
    </message>
    <message>
        <source>No hay hallazgos en «{name}».</source>
        <translation>There are no findings in «{name}».</translation>
    </message>
    <message>
        <source>Hallazgo</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Registros</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Referencia</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Días</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>
{count} en «{name}», {amount} en juego.</source>
        <translation>
{count} in «{name}», {amount} at stake.</translation>
    </message>
    <message>
        <source>{n} hallazgo</source>
        <translation>{n} finding</translation>
    </message>
    <message>
        <source>{n} hallazgos</source>
        <translation>{n} findings</translation>
    </message>
    <message>
        <source>Código</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Hallazgo {id} ({entity} · {kind}) {done}.</source>
        <translation>Finding {id} ({entity} · {kind}) {done}.</translation>
    </message>
    <message>
        <source>asignado a {who}</source>
        <translation>assigned to {who}</translation>
    </message>
    <message>
        <source>motivo</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>explicado: {reason}</source>
        <translation>explained: {reason}</translation>
    </message>
    <message>
        <source>reabierto: {state}</source>
        <translation>reopened: {state}</translation>
    </message>
    <message>
        <source>Ningún registro del otro sistema sin contraparte comparte con este factura, cliente, valor, documento, nombre, teléfono, correo ni VIN.</source>
        <translation>No record of the other system without a counterpart shares an invoice, customer, amount, document, name, phone, e-mail or VIN with this one.</translation>
    </message>
    <message>
        <source>Candidato</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>Puntos</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Por qué</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>
Para conciliar: cuadre findings match {short_id} CANDIDATO… --comment &quot;…&quot; --as USUARIO</source>
        <translation>
To match: cuadre findings match {short_id} CANDIDATE… --comment &quot;…&quot; --as LOGIN</translation>
    </message>
    <message>
        <source>Hallazgo {id}</source>
        <translation>Finding {id}</translation>
    </message>
    <message>
        <source>Recibo</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Valor</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Documento</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Ciudad</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Vehículo</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Conciliado a mano: {match_text}. Las próximas conciliaciones lo respetan mientras sus registros sigan así; se deshace con «cuadre findings unmatch {short_id}».</source>
        <translation>Matched by hand: {match_text}. Later reconciliations honour it while its records stay as they are; it is undone with «cuadre findings unmatch {short_id}».</translation>
    </message>
    <message>
        <source>CRM {crm} con ERP {erp}.</source>
        <translation>CRM {crm} with ERP {erp}.</translation>
    </message>
    <message>
        <source>Total CRM {crm}, total ERP {erp}: diferencia {difference}.</source>
        <translation>CRM total {crm}, ERP total {erp}: difference {difference}.</translation>
    </message>
    <message>
        <source>Los totales cuadran: no hace falta motivo.</source>
        <translation>The totals agree: no reason is needed.</translation>
    </message>
    <message>
        <source>Motivos posibles (--reason): </source>
        <translation>Possible reasons (--reason): </translation>
    </message>
    <message>
        <source>La diferencia es mayor de lo que explica un redondeo, una comisión bancaria o una retención: no se puede conciliar así.</source>
        <translation>The difference is larger than a rounding, a bank fee or a withholding explains: it cannot be matched this way.</translation>
    </message>
    <message>
        <source>CRM {crm} con ERP {erp}</source>
        <translation>CRM {crm} with ERP {erp}</translation>
    </message>
    <message>
        <source>sin motivo</source>
        <translation>no reason</translation>
    </message>
    <message>
        <source> (diferencia {amount} por {why})</source>
        <translation> (difference {amount}: {why})</translation>
    </message>
    <message>
        <source>Conciliación a mano deshecha: {match_text}. Sus hallazgos vuelven a estar abiertos.</source>
        <translation>Match by hand undone: {match_text}. Its findings are open again.</translation>
    </message>
</context>
<context>
    <name>cli.ids</name>
    <message>
        <source>corrección</source>
        <translation>correction</translation>
    </message>
    <message>
        <source>correcciones</source>
        <translation>corrections</translation>
    </message>
    <message>
        <source>ninguna corrección</source>
        <translation>no correction</translation>
    </message>
    <message>
        <source>propuesta</source>
        <translation>proposal</translation>
    </message>
    <message>
        <source>propuestas</source>
        <translation>proposals</translation>
    </message>
    <message>
        <source>ninguna propuesta</source>
        <translation>no proposal</translation>
    </message>
    <message>
        <source>conciliación guardada</source>
        <translation>saved reconciliation</translation>
    </message>
    <message>
        <source>conciliaciones guardadas</source>
        <translation>saved reconciliations</translation>
    </message>
    <message>
        <source>ninguna conciliación guardada</source>
        <translation>no saved reconciliation</translation>
    </message>
    <message>
        <source>hallazgo</source>
        <translation>finding</translation>
    </message>
    <message>
        <source>hallazgos</source>
        <translation>findings</translation>
    </message>
    <message>
        <source>ningún hallazgo</source>
        <translation>no finding</translation>
    </message>
    <message>
        <source>cierre</source>
        <translation>closing</translation>
    </message>
    <message>
        <source>cierres</source>
        <translation>closings</translation>
    </message>
    <message>
        <source>ningún cierre</source>
        <translation>no closing</translation>
    </message>
</context>
<context>
    <name>cli.insights</name>
    <message>
        <source>enero</source>
        <translation>January</translation>
    </message>
    <message>
        <source>febrero</source>
        <translation>February</translation>
    </message>
    <message>
        <source>marzo</source>
        <translation>March</translation>
    </message>
    <message>
        <source>abril</source>
        <translation>April</translation>
    </message>
    <message>
        <source>mayo</source>
        <translation>May</translation>
    </message>
    <message>
        <source>junio</source>
        <translation>June</translation>
    </message>
    <message>
        <source>julio</source>
        <translation>July</translation>
    </message>
    <message>
        <source>agosto</source>
        <translation>August</translation>
    </message>
    <message>
        <source>septiembre</source>
        <translation>September</translation>
    </message>
    <message>
        <source>octubre</source>
        <translation>October</translation>
    </message>
    <message>
        <source>noviembre</source>
        <translation>November</translation>
    </message>
    <message>
        <source>diciembre</source>
        <translation>December</translation>
    </message>
    <message>
        <source>indicadores del concesionario: seguimientos, embudo, inventario, renovación</source>
        <translation>the dealership&apos;s indicators: follow-ups, funnel, stock, renewal</translation>
    </message>
    <message>
        <source>Concilia lo indicado y muestra un indicador: seguimientos posventa por hacer, ventas por origen del prospecto (solo lo facturado en el ERP), salud del inventario o clientes con probabilidad de renovar.</source>
        <translation>Reconciles what is given and shows an indicator: after-sales follow-ups to do, sales by lead source (only what the ERP invoiced), stock health or customers likely to renew.</translation>
    </message>
    <message>
        <source>INDICADOR</source>
        <translation>VIEW</translation>
    </message>
    <message>
        <source>seguimientos posventa por hacer (aniversario, primer servicio, SOAT, seguro)</source>
        <translation>after-sales follow-ups to do (anniversary, first service, SOAT, insurance)</translation>
    </message>
    <message>
        <source>Vehículos entregados que llegan a un momento de contacto en los próximos días sin seguimiento en el CRM; con --propose, los propone como tareas del CRM para aprobar y enviar.</source>
        <translation>Delivered vehicles reaching a moment of contact in the next days with no follow-up in the CRM; with --propose, proposes them as CRM tasks to approve and send.</translation>
    </message>
    <message>
        <source>prospectos, negocios y ventas facturadas por origen</source>
        <translation>leads, deals and invoiced sales by source</translation>
    </message>
    <message>
        <source>El embudo por origen del prospecto (Facebook, Instagram, web…): solo cuenta como venta lo que el ERP facturó, y como cobrado lo que sus recibos cubren.</source>
        <translation>The funnel by lead source (Facebook, Instagram, web…): only what the ERP invoiced counts as a sale, and only what its receipts cover counts as collected.</translation>
    </message>
    <message>
        <source>días en inventario, unidades lentas y disponibles por modelo</source>
        <translation>days in stock, slow units and available units by model</translation>
    </message>
    <message>
        <source>Días en inventario por VIN, las unidades disponibles con más días que el umbral y cuántas quedan de cada modelo.</source>
        <translation>Days in stock by VIN, the available units with more days than the threshold, and how many of each model are left.</translation>
    </message>
    <message>
        <source>clientes con más probabilidad de renovar su vehículo este mes</source>
        <translation>customers most likely to renew their vehicle this month</translation>
    </message>
    <message>
        <source>Un puntaje de 0 a 100 que suma razones explicadas (edad del vehículo, fin del crédito, visitas al taller, último contacto); solo clientes que autorizaron el contacto.</source>
        <translation>A score from 0 to 100 adding up explained reasons (the vehicle&apos;s age, the end of the loan, workshop visits, last contact); only customers who authorized contact.</translation>
    </message>
    <message>
        <source>no mostrar el progreso</source>
        <translation>do not show progress</translation>
    </message>
    <message>
        <source>escribir el resultado en JSON (para programas)</source>
        <translation>write the result as JSON (for programs)</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>los próximos N días (por defecto 30)</source>
        <translation>the next N days (30 by default)</translation>
    </message>
    <message>
        <source>proponer los seguimientos como tareas del CRM (las aprueba otra persona y las envía cuadre push)</source>
        <translation>propose the follow-ups as CRM tasks (another person approves them and cuadre push sends them)</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>TEXTO</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>comentario para quien apruebe</source>
        <translation>comment for the approver</translation>
    </message>
    <message>
        <source>GRUPOS</source>
        <translation>GROUPS</translation>
    </message>
    <message>
        <source>agrupar por source (origen), branch (sede) y/o month (mes), separados por comas; por defecto source</source>
        <translation>group by source, branch and/or month, separated by commas; source by default</translation>
    </message>
    <message>
        <source>días en inventario desde los que una unidad es lenta (por defecto 90)</source>
        <translation>days in stock from which a unit is slow (90 by default)</translation>
    </message>
    <message>
        <source>AAAA-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <source>el mes de la renovación (por defecto, el mes en curso)</source>
        <translation>the month of the renewal (by default, the current month)</translation>
    </message>
    <message>
        <source>cuántos clientes listar (por defecto 25)</source>
        <translation>how many customers to list (25 by default)</translation>
    </message>
    <message>
        <source>--days no puede ser negativo</source>
        <translation>--days cannot be negative</translation>
    </message>
    <message>
        <source>--slow-days no puede ser negativo</source>
        <translation>--slow-days cannot be negative</translation>
    </message>
    <message>
        <source>el mes «{month}» no es válido: escríbalo como AAAA-MM, por ejemplo 2026-11</source>
        <translation>the month «{month}» is not valid: write it as YYYY-MM, for example 2026-11</translation>
    </message>
    <message>
        <source>--limit debe ser al menos 1</source>
        <translation>--limit must be at least 1</translation>
    </message>
    <message>
        <source>agrupación desconocida «{word}»; use source (origen), branch (sede) o month (mes), separadas por comas</source>
        <translation>unknown grouping «{word}»; use source, branch or month, separated by commas</translation>
    </message>
    <message>
        <source>{covered} ya tiene seguimiento en el CRM.</source>
        <translation>{covered} already has a follow-up in the CRM.</translation>
    </message>
    <message>
        <source>{covered} ya tienen seguimiento en el CRM.</source>
        <translation>{covered} already have a follow-up in the CRM.</translation>
    </message>
    <message>
        <source>Seguimientos posventa para los próximos {days} días: {due} por hacer ({allowed} con autorización de contacto); </source>
        <translation>After-sales follow-ups for the next {days} days: {due} to do ({allowed} with contact authorized); </translation>
    </message>
    <message>
        <source>Fecha</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Modelo</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Documento</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Contacto</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Por qué</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>sí</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Para proponerlos como tareas del CRM: cuadre insights followups … --propose --as USUARIO</source>
        <translation>To propose them as CRM tasks: cuadre insights followups … --propose --as LOGIN</translation>
    </message>
    <message>
        <source>Origen</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Prospectos</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Negocios</source>
        <translation>Deals</translation>
    </message>
    <message>
        <source>Vendidos (CRM)</source>
        <translation>Sold (CRM)</translation>
    </message>
    <message>
        <source>Facturados</source>
        <translation>Invoiced</translation>
    </message>
    <message>
        <source>Pagados</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Conversión</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>Facturado</source>
        <translation>Invoiced amount</translation>
    </message>
    <message>
        <source>Cobrado</source>
        <translation>Collected</translation>
    </message>
    <message>
        <source>Embudo por origen del prospecto: solo es venta lo que el ERP facturó (conversión = facturados ÷ prospectos).</source>
        <translation>Funnel by lead source: only what the ERP invoiced is a sale (conversion = invoiced ÷ leads).</translation>
    </message>
    <message>
        <source>No hay negocios en el CRM.</source>
        <translation>There are no deals in the CRM.</translation>
    </message>
    <message>
        <source>{count} negocios «Vendido» en el CRM no tienen factura en el ERP: no cuentan como venta.</source>
        <translation>{count} «Sold» deals in the CRM have no invoice in the ERP: they do not count as sales.</translation>
    </message>
    <message>
        <source>Inventario: {units} unidad (disponibles, reservadas y de exhibición); {slow} disponibles con más de {days} días (lentas).</source>
        <translation>Stock: {units} unit (available, reserved and on display); {slow} available for more than {days} days (slow).</translation>
    </message>
    <message>
        <source>Inventario: {units} unidades (disponibles, reservadas y de exhibición); {slow} disponibles con más de {days} días (lentas).</source>
        <translation>Stock: {units} units (available, reserved and on display); {slow} available for more than {days} days (slow).</translation>
    </message>
    <message>
        <source>{count} unidades no tienen fecha de ingreso en el ERP: sus días no se conocen.</source>
        <translation>{count} units have no date of entry in the ERP: their days are unknown.</translation>
    </message>
    <message>
        <source>Unidades lentas:</source>
        <translation>Slow units:</translation>
    </message>
    <message>
        <source>Marca y modelo</source>
        <translation>Make and model</translation>
    </message>
    <message>
        <source>Año</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Días</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>Ingreso</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Disponibles por modelo:</source>
        <translation>Available by model:</translation>
    </message>
    <message>
        <source>Disponibles</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Días promedio</source>
        <translation>Average days</translation>
    </message>
    <message>
        <source>Más antigua</source>
        <translation>Oldest</translation>
    </message>
    <message>
        <source>Clientes con más probabilidad de renovar en {month} de {year} (puntaje de 0 a 100: la suma de las razones):</source>
        <translation>Customers most likely to renew in {month} {year} (score from 0 to 100: the sum of the reasons):</translation>
    </message>
    <message>
        <source> ninguno.</source>
        <translation> none.</translation>
    </message>
    <message>
        <source>Puntaje</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Razones</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>«{login}» no tiene el rol para proponer: no puede proponer seguimientos.</source>
        <translation>«{login}» does not have the role to propose: they cannot propose follow-ups.</translation>
    </message>
    <message>
        <source>
No se proponen:</source>
        <translation>
Not proposed:</translation>
    </message>
    <message>
        <source> Debe aprobarlos otra persona; después, cuadre push los crea en el CRM.</source>
        <translation> Another person must approve them; then cuadre push creates them in the CRM.</translation>
    </message>
</context>
<context>
    <name>cli.main</name>
    <message>
        <source>Concilia el CRM y el ERP del concesionario: clientes, pagos e inventario.</source>
        <translation>Reconciles the dealership&apos;s CRM and ERP: customers, payments and stock.</translation>
    </message>
    <message>
        <source>mostrar la versión de Cuadre y salir</source>
        <translation>show Cuadre&apos;s version and exit</translation>
    </message>
    <message>
        <source>abrir con el concesionario de demostración</source>
        <translation>open with the demo dealership</translation>
    </message>
    <message>
        <source>regenerar los datos de demostración antes de abrir</source>
        <translation>generate the demo data again before opening</translation>
    </message>
    <message>
        <source>comprobar la instalación (una línea por prueba; sale con 1 si algo falla)</source>
        <translation>check the installation (one line per check; exits with 1 if anything fails)</translation>
    </message>
    <message>
        <source>con --self-test: sin abrir ventanas</source>
        <translation>with --self-test: without opening windows</translation>
    </message>
    <message>
        <source>COMANDO</source>
        <translation>COMMAND</translation>
    </message>
    <message>
        <source>cuadre {command}: {exc}.</source>
        <translation>cuadre {command}: {exc}.</translation>
    </message>
    <message>
        <source>cuadre: {exc}</source>
        <translation>cuadre: {exc}</translation>
    </message>
    <message>
        <source>Cancelado.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>
Interrumpido.</source>
        <translation>
Interrupted.</translation>
    </message>
    <message>
        <source>cuadre: no se pudo leer o escribir un archivo: {why}{where}</source>
        <translation>cuadre: a file could not be read or written: {why}{where}</translation>
    </message>
    <message>
        <source>cuadre: ocurrió un error inesperado; el detalle quedó en {log_path}</source>
        <translation>cuadre: an unexpected error happened; the details are in {log_path}</translation>
    </message>
</context>
<context>
    <name>cli.parser</name>
    <message>
        <source>argumento {name}: {what} (lo escrito no se muestra: podría ser una credencial)</source>
        <translation>argument {name}: {what} (what was typed is not shown: it could be a credential)</translation>
    </message>
    <message>
        <source>«{prog}» recibió algo que no espera (no se muestra: podría ser una credencial, que nunca va en la línea de órdenes)</source>
        <translation>«{prog}» received something it does not expect (not shown: it could be a credential, which never goes on the command line)</translation>
    </message>
    <message>
        <source>se esperaba {choices}</source>
        <translation>expected {choices}</translation>
    </message>
    <message>
        <source>el valor no es válido</source>
        <translation>the value is not valid</translation>
    </message>
    <message>
        <source>{some} o {last}</source>
        <translation>{some} or {last}</translation>
    </message>
    <message>
        <source>sobran {count} argumentos que «{prog}» no espera; no se muestran porque podrían ser una credencial, que nunca va en la línea de órdenes: «cuadre credentials set FUENTE» la pide sin mostrarla</source>
        <translation>{count} arguments that «{prog}» does not expect; they are not shown because they could be a credential, which never goes on the command line: «cuadre credentials set SOURCE» asks for it without showing it</translation>
    </message>
    <message>
        <source>sobra un argumento que «{prog}» no espera; no se muestra porque podría ser una credencial, que nunca va en la línea de órdenes: «cuadre credentials set FUENTE» la pide sin mostrarla</source>
        <translation>one argument that «{prog}» does not expect; it is not shown because it could be a credential, which never goes on the command line: «cuadre credentials set SOURCE» asks for it without showing it</translation>
    </message>
</context>
<context>
    <name>cli.people</name>
    <message>
        <source>personas del espacio de trabajo y sus roles</source>
        <translation>the workspace&apos;s people and their roles</translation>
    </message>
    <message>
        <source>Registra o lista a las personas del espacio de trabajo y sus roles (propone, aprueba, audita, administra).</source>
        <translation>Registers or lists the workspace&apos;s people and their roles (proposer, approver, auditor, admin).</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>registrar a una persona</source>
        <translation>register a person</translation>
    </message>
    <message>
        <source>Registra a una persona con sus roles. La primera persona de un espacio nuevo debe ser administradora; después, solo un administrador (--as) registra personas.</source>
        <translation>Registers a person with their roles. The first person of a new workspace must be an administrator; after that, only an administrator (--as) registers people.</translation>
    </message>
    <message>
        <source>USUARIO</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>su usuario (se guarda en minúsculas)</source>
        <translation>their login (kept in lower case)</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>su nombre completo</source>
        <translation>their full name</translation>
    </message>
    <message>
        <source>ROL</source>
        <translation>ROLE</translation>
    </message>
    <message>
        <source>propone, aprueba, audita o administra (repita para varios)</source>
        <translation>proposer, approver, auditor or admin (repeat for several)</translation>
    </message>
    <message>
        <source>solo para la primera persona: el espacio de trabajo queda de demostración y sus personas no necesitan clave (una generada, guardada en el propio espacio: no protege nada)</source>
        <translation>the first person only: the workspace becomes a demo and its people need no passphrase (a generated one, kept in the workspace itself: it protects nothing)</translation>
    </message>
    <message>
        <source>listar a las personas y sus roles</source>
        <translation>list the people and their roles</translation>
    </message>
    <message>
        <source>Lista a las personas activas y sus roles.</source>
        <translation>Lists the active people and their roles.</translation>
    </message>
    <message>
        <source>pedir o aprobar una clave de firma nueva</source>
        <translation>ask for or approve a new signing key</translation>
    </message>
    <message>
        <source>Una clave de firma nueva para quien perdió la suya (o no tenía): la persona la pide en su propio equipo (request) y otro administrador la aprueba (approve). Lo que firmó la clave anterior sigue verificable.</source>
        <translation>A new signing key for someone who lost theirs (or had none): the person asks for it on their own computer (request) and another administrator approves it (approve). What the old key signed stays verifiable.</translation>
    </message>
    <message>
        <source>PASO</source>
        <translation>STEP</translation>
    </message>
    <message>
        <source>crear una clave nueva en este equipo y pedir su aprobación</source>
        <translation>make a new key on this computer and ask for its approval</translation>
    </message>
    <message>
        <source>aprobar la clave pedida por una persona (un administrador)</source>
        <translation>approve the key a person asked for (an administrator)</translation>
    </message>
    <message>
        <source>quien pidió la clave</source>
        <translation>who asked for the key</translation>
    </message>
    <message>
        <source>Clave de firma {kid} creada en el almacén de credenciales de este equipo para «{login}»: falta que un administrador la apruebe («cuadre people key approve {login} --as ADMINISTRADOR»).</source>
        <translation>Signing key {kid} made in this computer&apos;s credential store for «{login}»: an administrator still has to approve it («cuadre people key approve {login} --as ADMINISTRATOR»).</translation>
    </message>
    <message>
        <source>Clave de firma {kid} de «{login}» aprobada: desde ahora firma con ella.</source>
        <translation>Signing key {kid} of «{login}» approved: from now on it signs with it.</translation>
    </message>
    <message>
        <source>guardar la clave de una persona en este equipo</source>
        <translation>save a person&apos;s passphrase on this computer</translation>
    </message>
    <message>
        <source>Pide la clave de la persona (oculta, o una línea de la entrada estándar), la comprueba y la guarda en el almacén seguro del sistema: desde entonces --as USUARIO la usa sin pedirla.</source>
        <translation>Asks for the person&apos;s passphrase (hidden, or one line of standard input), checks it and saves it in the system&apos;s secure store: from then on --as LOGIN uses it without asking.</translation>
    </message>
    <message>
        <source>olvidar en este equipo la clave de una persona</source>
        <translation>forget a person&apos;s passphrase on this computer</translation>
    </message>
    <message>
        <source>Borra la clave de la persona del almacén seguro de este equipo.</source>
        <translation>Deletes the person&apos;s passphrase from this computer&apos;s secure store.</translation>
    </message>
    <message>
        <source>cambiar la clave de una persona</source>
        <translation>change a person&apos;s passphrase</translation>
    </message>
    <message>
        <source>Cambia la clave de la persona: pide la actual y la nueva dos veces. Con --reset y --as ADMINISTRADOR, un administrador le da una nueva sin conocer la anterior (clave perdida).</source>
        <translation>Changes the person&apos;s passphrase: asks for the current one and the new one twice. With --reset and --as ADMINISTRATOR, an administrator gives them a new one without knowing the old one (a lost passphrase).</translation>
    </message>
    <message>
        <source>un administrador (--as) da una clave nueva</source>
        <translation>an administrator (--as) gives a new passphrase</translation>
    </message>
    <message>
        <source>Clave nueva de «{login}»: </source>
        <translation>New passphrase for «{login}»: </translation>
    </message>
    <message>
        <source>Repítala: </source>
        <translation>Repeat it: </translation>
    </message>
    <message>
        <source>las dos claves no coinciden; no se cambió nada</source>
        <translation>the two passphrases do not match; nothing was changed</translation>
    </message>
    <message>
        <source>no se recibió ninguna clave; no se cambió nada</source>
        <translation>no passphrase was received; nothing was changed</translation>
    </message>
    <message>
        <source>rol</source>
        <translation>role</translation>
    </message>
    <message>
        <source>No hay personas registradas: la primera se registra con «cuadre people add USUARIO --name NOMBRE --role administra».</source>
        <translation>Nobody is registered: the first person is registered with «cuadre people add LOGIN --name NAME --role admin».</translation>
    </message>
    <message>
        <source>Usuario</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>--demo solo vale para la primera persona: un espacio de trabajo con personas no se vuelve de demostración</source>
        <translation>--demo is for the first person only: a workspace with people does not become a demo</translation>
    </message>
    <message>
        <source>la primera persona necesita una clave (nadie más podría dársela): escríbala cuando se le pida, o en una línea de la entrada estándar</source>
        <translation>the first person needs a passphrase (nobody else could give them one): type it when asked, or on one line of standard input</translation>
    </message>
    <message>
        <source>«{login}» quedó registrado ({join}).</source>
        <translation>«{login}» is registered ({join}).</translation>
    </message>
    <message>
        <source>Su clave de firma quedó en el almacén de credenciales de este equipo.</source>
        <translation>Their signing key is in this computer&apos;s credential store.</translation>
    </message>
    <message>
        <source>Sin clave de firma: este espacio de trabajo no firma (no hay un almacén seguro de credenciales o quien registra no tiene clave).</source>
        <translation>No signing key: this workspace does not sign (there is no secure credential store, or whoever registers has no key).</translation>
    </message>
    <message>
        <source>Su clave quedó guardada en el almacén seguro de este equipo.</source>
        <translation>Their passphrase is saved in this computer&apos;s secure store.</translation>
    </message>
    <message>
        <source>Su clave no se guardó en este equipo ({why}): «cuadre people login {login}» la guarda cuando haya un almacén seguro.</source>
        <translation>Their passphrase was not saved on this computer ({why}): «cuadre people login {login}» saves it when there is a secure store.</translation>
    </message>
    <message>
        <source>Entréguele su clave inicial; en su equipo, «cuadre people login {login}» la guarda y «cuadre people passphrase {login}» la cambia.</source>
        <translation>Hand them their initial passphrase; on their computer, «cuadre people login {login}» saves it and «cuadre people passphrase {login}» changes it.</translation>
    </message>
    <message>
        <source>Se olvidó la clave de «{login}» en este equipo.</source>
        <translation>«{login}»&apos;s passphrase was forgotten on this computer.</translation>
    </message>
    <message>
        <source>Este equipo no tenía guardada la clave de «{login}».</source>
        <translation>This computer did not keep «{login}»&apos;s passphrase.</translation>
    </message>
    <message>
        <source>Clave de «{login}»: </source>
        <translation>Passphrase of «{login}»: </translation>
    </message>
    <message>
        <source>no se recibió ninguna clave</source>
        <translation>no passphrase was received</translation>
    </message>
    <message>
        <source>Clave de «{login}» comprobada y guardada en el almacén seguro de este equipo.</source>
        <translation>«{login}»&apos;s passphrase checked and saved in this computer&apos;s secure store.</translation>
    </message>
    <message>
        <source>Clave actual de «{login}»: </source>
        <translation>Current passphrase of «{login}»: </translation>
    </message>
    <message>
        <source>La clave de «{login}» cambió.</source>
        <translation>«{login}»&apos;s passphrase changed.</translation>
    </message>
    <message>
        <source>«{login}» tiene una clave nueva: entréguesela; «cuadre people login {login}» la guarda en su equipo.</source>
        <translation>«{login}» has a new passphrase: hand it to them; «cuadre people login {login}» saves it on their computer.</translation>
    </message>
</context>
<context>
    <name>cli.period</name>
    <message>
        <source>certificar, firmar y reabrir el cierre de un mes</source>
        <translation>certify, sign off and reopen the closing of a month</translation>
    </message>
    <message>
        <source>El cierre de un periodo (mes, sede y entidad): lo certifica quien propone cuando todos sus hallazgos están explicados, corregidos, conciliados o resueltos, y lo firma otra persona que aprueba.</source>
        <translation>The closing of a period (month, branch and entity): a proposer certifies it when every finding in it is explained, corrected, matched or resolved, and another person who approves signs it off.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>certificar un periodo</source>
        <translation>certify a period</translation>
    </message>
    <message>
        <source>Certifica un periodo sobre la última conciliación guardada de su entidad.</source>
        <translation>Certifies a period on the latest saved reconciliation of its entity.</translation>
    </message>
    <message>
        <source>TEXTO</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>un comentario para quien firme</source>
        <translation>a comment for whoever signs off</translation>
    </message>
    <message>
        <source>firmar un periodo certificado</source>
        <translation>sign off a certified period</translation>
    </message>
    <message>
        <source>Firma un periodo certificado (quien lo certificó no puede firmarlo).</source>
        <translation>Signs off a certified period (whoever certified it cannot sign it off).</translation>
    </message>
    <message>
        <source>reabrir un periodo certificado o firmado</source>
        <translation>reopen a certified or signed-off period</translation>
    </message>
    <message>
        <source>Reabre un periodo (quien aprueba o administra), diciendo por qué.</source>
        <translation>Reopens a period (an approver or an administrator), saying why.</translation>
    </message>
    <message>
        <source>ver el certificado de un periodo</source>
        <translation>see a period&apos;s certificate</translation>
    </message>
    <message>
        <source>Muestra el certificado de un periodo: conciliación, hallazgos, pesos, personas y la cabeza del registro de auditoría.</source>
        <translation>Shows a period&apos;s certificate: reconciliation, findings, pesos, people and the head of the audit log.</translation>
    </message>
    <message>
        <source>id del cierre</source>
        <translation>id of the closing</translation>
    </message>
    <message>
        <source>por qué</source>
        <translation>why</translation>
    </message>
    <message>
        <source>un comentario</source>
        <translation>a comment</translation>
    </message>
    <message>
        <source>listar los cierres</source>
        <translation>list the closings</translation>
    </message>
    <message>
        <source>Lista los cierres del espacio de trabajo, el más reciente primero (los reabiertos también).</source>
        <translation>Lists the workspace&apos;s closings, the most recent first (reopened ones too).</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>AAAA-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <source>el mes (2026-11)</source>
        <translation>the month (2026-11)</translation>
    </message>
    <message>
        <source>ENTIDAD</source>
        <translation>ENTITY</translation>
    </message>
    <message>
        <source>clientes, pagos o vehículos</source>
        <translation>customers, payments or vehicles</translation>
    </message>
    <message>
        <source>SEDE</source>
        <translation>BRANCH</translation>
    </message>
    <message>
        <source>una sede (por defecto, todas)</source>
        <translation>a branch (by default, all)</translation>
    </message>
    <message>
        <source>Periodo {period} certificado por {login}. Falta la firma de otra persona que apruebe: cuadre period signoff {id} --as USUARIO</source>
        <translation>Period {period} certified by {login}. It still needs the sign-off of another person who approves: cuadre period signoff {id} --as LOGIN</translation>
    </message>
    <message>
        <source>indique el cierre por su id o por --month y --entity, no por ambos</source>
        <translation>give the closing by its id or by --month and --entity, not both</translation>
    </message>
    <message>
        <source>indique el cierre: su id, o --month y --entity (y --branch si tiene sede)</source>
        <translation>give the closing: its id, or --month and --entity (and --branch if it has a branch)</translation>
    </message>
    <message>
        <source>El periodo {month} de {entity} no está certificado.</source>
        <translation>The period {month} of {entity} is not certified.</translation>
    </message>
    <message>
        <source>Cierre de {period} firmado por {login} (certificado por {certifier}).</source>
        <translation>Closing of {period} signed off by {login} (certified by {certifier}).</translation>
    </message>
    <message>
        <source>Periodo {period} reabierto por {login}: sus hallazgos se pueden trabajar de nuevo.</source>
        <translation>Period {period} reopened by {login}: its findings can be worked on again.</translation>
    </message>
    <message>
        <source>No hay cierres en «{name}»: «cuadre period certify --month AAAA-MM --entity ENTIDAD --as USUARIO» certifica uno.</source>
        <translation>There are no closings in «{name}»: «cuadre period certify --month YYYY-MM --entity ENTITY --as LOGIN» certifies one.</translation>
    </message>
    <message>
        <source>Cierre</source>
        <translation>Closing</translation>
    </message>
    <message>
        <source>Mes</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Hallazgos</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>Certificó</source>
        <translation>Certified by</translation>
    </message>
    <message>
        <source>Firmó</source>
        <translation>Signed off by</translation>
    </message>
    <message>
        <source>todas</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Cierre de {period} — «{workspace}» ({id})</source>
        <translation>Closing of {period} — «{workspace}» ({id})</translation>
    </message>
    <message>
        <source>Estado:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>Conciliación:</source>
        <translation>Reconciliation:</translation>
    </message>
    <message>
        <source>Hallazgos:</source>
        <translation>Findings:</translation>
    </message>
    <message>
        <source>{total} ({amount} en juego)</source>
        <translation>{total} ({amount} at stake)</translation>
    </message>
    <message>
        <source>Certificado por:</source>
        <translation>Certified by:</translation>
    </message>
    <message>
        <source>Firmado por:</source>
        <translation>Signed off by:</translation>
    </message>
    <message>
        <source>Reabierto por:</source>
        <translation>Reopened by:</translation>
    </message>
    <message>
        <source>Huella:</source>
        <translation>Hash:</translation>
    </message>
    <message>
        <source>Auditoría:</source>
        <translation>Audit:</translation>
    </message>
</context>
<context>
    <name>cli.push</name>
    <message>
        <source>enviar las correcciones aprobadas al CRM y al ERP</source>
        <translation>send the approved corrections to the CRM and the ERP</translation>
    </message>
    <message>
        <source>Pone en cola las correcciones aprobadas y las envía una por una, con la misma clave de idempotencia en cada intento. Ctrl+C detiene el envío entre una corrección y la siguiente; lo demás queda en cola.</source>
        <translation>Queues the approved corrections and sends them one by one, with the same idempotency key on every attempt. Ctrl+C stops sending between one correction and the next; the rest stays queued.</translation>
    </message>
    <message>
        <source>los sistemas de la demostración</source>
        <translation>the demo&apos;s systems</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>los sistemas de un perfil guardado</source>
        <translation>the systems of a saved profile</translation>
    </message>
    <message>
        <source>FUENTE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>SISTEMA</source>
        <translation>SYSTEM</translation>
    </message>
    <message>
        <source>enviar solo las de ese sistema: crm o erp (las del otro quedan en cola)</source>
        <translation>send only those of that system: crm or erp (the other&apos;s stay queued)</translation>
    </message>
    <message>
        <source>el espacio de trabajo de estos sistemas; por defecto CUADRE_WORKSPACE, el perfil, «Demostración» o «Principal»</source>
        <translation>the workspace of these systems; by default CUADRE_WORKSPACE, the profile, «Demostración» or «Principal»</translation>
    </message>
    <message>
        <source>enviar también las aprobadas en otros espacios de trabajo (cuando todos corrigen estos mismos sistemas)</source>
        <translation>also send those approved in other workspaces (when all of them correct these same systems)</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>enviar solo estas correcciones (su id, o el comienzo de su id que muestran los listados: al menos 6 caracteres); las demás aprobadas quedan en espera</source>
        <translation>send only these corrections (their id, or the beginning of it the listings show: at least 6 characters); the other approved ones wait</translation>
    </message>
    <message>
        <source>no mostrar cada corrección</source>
        <translation>do not show each correction</translation>
    </message>
    <message>
        <source>ver la cola de envío o reintentar las fallidas</source>
        <translation>see the send queue or retry the failed ones</translation>
    </message>
    <message>
        <source>La cola de envío: cada corrección aprobada en camino a su sistema, con su estado, intentos y motivo.</source>
        <translation>The send queue: every approved correction on its way to its system, with its state, attempts and reason.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>listar la cola de envío</source>
        <translation>list the send queue</translation>
    </message>
    <message>
        <source>Lista la cola de envío en el orden en que se envía.</source>
        <translation>Lists the send queue in the order it is sent.</translation>
    </message>
    <message>
        <source>ESTADO</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>en cola, en envío, aplicada, en conflicto, rechazada, fallida, desconocida</source>
        <translation>queued, sending, applied, in conflict, rejected, failed, unknown</translation>
    </message>
    <message>
        <source>volver a poner en cola envíos fallidos</source>
        <translation>queue failed sends again</translation>
    </message>
    <message>
        <source>Vuelve a poner en cola los envíos fallidos indicados (con la misma clave: sigue siendo la misma operación aprobada); el próximo «cuadre push» los envía.</source>
        <translation>Queues the failed sends given again (with the same key: it is still the same approved operation); the next «cuadre push» sends them.</translation>
    </message>
    <message>
        <source>N|ID</source>
        <translation>N|ID</translation>
    </message>
    <message>
        <source>número en la cola (N.º), o id de la corrección (o su comienzo: al menos 6 caracteres)</source>
        <translation>number in the queue (No.), or id of the correction (or its beginning: at least 6 characters)</translation>
    </message>
    <message>
        <source>indique a dónde enviar: --demo, --profile NOMBRE, o --crm y --erp</source>
        <translation>say where to send: --demo, --profile NAME, or --crm and --erp</translation>
    </message>
    <message>
        <source>Aviso: {count} correcciones aprobadas de otro espacio de trabajo ({names}) no se envían a los sistemas de «{target}»; envíelas con --workspace o --all-workspaces si corrigen estos mismos sistemas.</source>
        <translation>Warning: {count} approved corrections of another workspace ({names}) are not sent to the systems of «{target}»; send them with --workspace or --all-workspaces if they correct these same systems.</translation>
    </message>
    <message>
        <source>debe aprobarla otra persona antes de enviarla</source>
        <translation>another person must approve it before it is sent</translation>
    </message>
    <message>
        <source>está aplazada: decídala y que otra persona la apruebe antes de enviarla</source>
        <translation>it is deferred: decide it, and have another person approve it before it is sent</translation>
    </message>
    <message>
        <source>no se envía (para intentarlo de nuevo, «cuadre corrections redecide {id}» si la rechazó el sistema; una rechazada por una persona necesita una propuesta nueva)</source>
        <translation>not sent (to try again, «cuadre corrections redecide {id}» if the system rejected it; one rejected by a person needs a new proposal)</translation>
    </message>
    <message>
        <source>ya está en el sistema: no hay nada que enviar</source>
        <translation>it is already in the system: there is nothing to send</translation>
    </message>
    <message>
        <source>el sistema tiene otro valor: decídala de nuevo con «cuadre corrections redecide {id}»</source>
        <translation>the system holds another value: decide it again with «cuadre corrections redecide {id}»</translation>
    </message>
    <message>
        <source>vuelva a ponerla en cola con «cuadre outbox requeue {id}»</source>
        <translation>queue it again with «cuadre outbox requeue {id}»</translation>
    </message>
    <message>
        <source>no se envía</source>
        <translation>not sent</translation>
    </message>
    <message>
        <source>la corrección {id} está «{state}»: {why}</source>
        <translation>the correction {id} is «{state}»: {why}</translation>
    </message>
    <message>
        <source>la corrección {id} es del espacio de trabajo «{theirs}», no de «{workspace}»: envíela con --workspace o --all-workspaces</source>
        <translation>the correction {id} belongs to the workspace «{theirs}», not «{workspace}»: send it with --workspace or --all-workspaces</translation>
    </message>
    <message>
        <source>Aviso: el {upper} {why}: sus correcciones quedan en cola.</source>
        <translation>Warning: the {upper} {why}: its corrections stay queued.</translation>
    </message>
    <message>
        <source>
Cancelando: termina la corrección en curso y el resto queda en cola (Ctrl+C otra vez interrumpe ya).</source>
        <translation>
Cancelling: the correction under way finishes and the rest stays queued (Ctrl+C again interrupts at once).</translation>
    </message>
    <message>
        <source>[{done}/{total}] {detail}</source>
        <translation>[{done}/{total}] {detail}</translation>
    </message>
    <message>
        <source>Cancelado: {remaining} quedan en cola; el próximo «cuadre push» los envía.</source>
        <translation>Cancelled: {remaining} stay queued; the next «cuadre push» sends them.</translation>
    </message>
    <message>
        <source>«{login}» no tiene el rol para reenviar correcciones: solo aprobadores o administradores.</source>
        <translation>«{login}» does not have the role to send corrections again: only approvers or administrators.</translation>
    </message>
    <message>
        <source>{count} vuelven a la cola; el próximo «cuadre push» las envía.</source>
        <translation>{count} back in the queue; the next «cuadre push» sends them.</translation>
    </message>
    <message>
        <source>cuadre outbox: {ids} no están fallidas (o no existen): no se tocaron.</source>
        <translation>cuadre outbox: {ids} are not failed (or do not exist): left untouched.</translation>
    </message>
    <message>
        <source>estado</source>
        <translation>state</translation>
    </message>
    <message>
        <source>La cola de envío está vacía.</source>
        <translation>The send queue is empty.</translation>
    </message>
    <message>
        <source>No hay envíos en ese estado.</source>
        <translation>No sends in that state.</translation>
    </message>
    <message>
        <source>N.º</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Corrección</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Intentos</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Sistema</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>Registro</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Actualizado</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>«{word}» es el N.º de un envío y también el comienzo del id de {count} corrección(es) ({names}): escriba el id de la corrección que quiere reenviar</source>
        <translation>«{word}» is the No. of a send and also the beginning of the id of {count} correction(s) ({names}): type the id of the correction you want to send again</translation>
    </message>
</context>
<context>
    <name>cli.reconcile</name>
    <message>
        <source>conciliar sin ventana y escribir un informe JSON</source>
        <translation>reconcile without a window and write a JSON report</translation>
    </message>
    <message>
        <source>Concilia la demostración (--demo), un perfil de conexión guardado (--profile) o dos fuentes (--crm y --erp; con archivos, --entity).</source>
        <translation>Reconciles the demo (--demo), a saved connection profile (--profile) or two sources (--crm and --erp; with files, --entity).</translation>
    </message>
    <message>
        <source>ARCHIVO</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>archivo JSON de salida (por defecto, ninguno)</source>
        <translation>output JSON file (none by default)</translation>
    </message>
    <message>
        <source>no mostrar progreso ni resumen</source>
        <translation>show neither progress nor summary</translation>
    </message>
    <message>
        <source>desde qué tamaño (MB) un archivo de clientes se lee por lotes y se concilia por partes, sin cargarlo entero en memoria (por defecto CUADRE_STREAM_MB, o 200)</source>
        <translation>from what size (MB) a customers file is read in batches and reconciled part by part, never loaded whole into memory (default CUADRE_STREAM_MB, or 200)</translation>
    </message>
    <message>
        <source>con dos bases de datos (PostgreSQL o SQLite): comparar los clientes dentro de los servidores y traer solo las filas que pueden diferir (sin la opción, así se hace desde CUADRE_IN_DATABASE_ROWS filas, o 5.000.000)</source>
        <translation>with two databases (PostgreSQL or SQLite): compare the customers inside the servers and bring only the rows that may differ (without the option, done from CUADRE_IN_DATABASE_ROWS rows, or 5,000,000)</translation>
    </message>
    <message>
        <source>
Aviso: {n} al leer las fuentes: celdas o columnas que no se pudieron leer o no se usaron, registros sin identificador (ver «source_issues» en el informe).</source>
        <translation>
Warning: {n} while reading the sources: cells or columns that could not be read or were not used, records without an identifier (see «source_issues» in the report).</translation>
    </message>
    <message>
        <source>aviso</source>
        <translation>warning</translation>
    </message>
    <message>
        <source>avisos</source>
        <translation>warnings</translation>
    </message>
    <message>
        <source>
Informe escrito en {out}</source>
        <translation>
Report written to {out}</translation>
    </message>
    <message>
        <source>cuadre reconcile: no se concilió: {why}</source>
        <translation>cuadre reconcile: not reconciled: {why}</translation>
    </message>
    <message>
        <source>
{entity}: comparados dentro de las bases de datos; salieron {rows} de {of} filas ({share}).</source>
        <translation>
{entity}: compared inside the databases; {rows} of {of} rows left the servers ({share}).</translation>
    </message>
    <message>
        <source>
{entity}: archivo grande; se leyó por lotes y se concilió por partes (sin cargarlo entero en memoria).</source>
        <translation>
{entity}: big file; read in batches and reconciled part by part (never loaded whole into memory).</translation>
    </message>
    <message>
        <source>se esperaba un tamaño en MB (un número, 0 o más), no «{text}»</source>
        <translation>a size in MB was expected (a number, 0 or more), not «{text}»</translation>
    </message>
</context>
<context>
    <name>cli.report</name>
    <message>
        <source>escribir el resumen para la gerencia (PDF) o los indicadores (XLSX)</source>
        <translation>write the summary for management (PDF) or the indicators (XLSX)</translation>
    </message>
    <message>
        <source>Concilia (--demo, --profile o --crm/--erp), calcula los indicadores del concesionario y escribe el resumen para la gerencia en PDF o un libro XLSX con una hoja por vista.</source>
        <translation>Reconciles (--demo, --profile or --crm/--erp), computes the dealership&apos;s indicators and writes the summary for management as a PDF or an XLSX workbook with one sheet per view.</translation>
    </message>
    <message>
        <source>ARCHIVO</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>informe de salida: .pdf (resumen) o .xlsx (libro de indicadores)</source>
        <translation>output report: .pdf (summary) or .xlsx (indicators workbook)</translation>
    </message>
    <message>
        <source>días hacia adelante de los seguimientos posventa (por defecto, 30)</source>
        <translation>days ahead for the after-sales follow-ups (default 30)</translation>
    </message>
    <message>
        <source>días en inventario desde los que una unidad disponible es de lenta rotación (por defecto, 90)</source>
        <translation>days in stock from which an available unit is slow-moving (default 90)</translation>
    </message>
    <message>
        <source>almacén de trabajo (sqlite:///…, postgresql://usuario@…; por defecto CUADRE_STORE): de él salen la tendencia y la cadena de auditoría; sin él, el informe no las trae</source>
        <translation>working store (sqlite:///…, postgresql://user@…; default CUADRE_STORE): the trend and the audit chain come from it; without it, the report does not carry them</translation>
    </message>
    <message>
        <source>un cierre (su id, como lo muestra «cuadre period list»): la primera página del PDF es su certificado, para firmar; necesita el almacén de trabajo</source>
        <translation>a closing (its id, as «cuadre period list» shows it): the PDF&apos;s first page is its certificate, to sign; needs the working store</translation>
    </message>
    <message>
        <source>TEXTO</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>nombre del concesionario en el informe (por defecto, el del perfil)</source>
        <translation>the dealership&apos;s name in the report (default: the profile&apos;s)</translation>
    </message>
    <message>
        <source>no mostrar el progreso</source>
        <translation>do not show progress</translation>
    </message>
    <message>
        <source>no existe la carpeta {folder} donde escribir el informe</source>
        <translation>the folder {folder} to write the report in does not exist</translation>
    </message>
    <message>
        <source>Conciliando…</source>
        <translation>Reconciling…</translation>
    </message>
    <message>
        <source>Leyendo las conciliaciones guardadas y la cadena de auditoría…</source>
        <translation>Reading the saved reconciliations and the audit chain…</translation>
    </message>
    <message>
        <source>Calculando los indicadores…</source>
        <translation>Computing the indicators…</translation>
    </message>
    <message>
        <source>Escribiendo {path}…</source>
        <translation>Writing {path}…</translation>
    </message>
    <message>
        <source>no se pudo escribir el informe {path}: {why}</source>
        <translation>the report {path} could not be written: {why}</translation>
    </message>
    <message>
        <source>Informe escrito en {path}</source>
        <translation>Report written to {path}</translation>
    </message>
    <message>
        <source>el informe no incluye lo que no se concilió: {why}</source>
        <translation>the report does not include what could not be reconciled: {why}</translation>
    </message>
    <message>
        <source>el informe debe terminar en .pdf o .xlsx, no en «{suffix}»</source>
        <translation>the report must end in .pdf or .xlsx, not «{suffix}»</translation>
    </message>
    <message>
        <source>el informe debe terminar en .pdf o .xlsx</source>
        <translation>the report must end in .pdf or .xlsx</translation>
    </message>
    <message>
        <source>{option} debe ser un número de días mayor que cero</source>
        <translation>{option} must be a number of days greater than zero</translation>
    </message>
    <message>
        <source>--period pone el certificado de un cierre en el PDF: el informe debe ser .pdf</source>
        <translation>--period puts a closing&apos;s certificate in the PDF: the report must be .pdf</translation>
    </message>
    <message>
        <source>--period lee el cierre del almacén de trabajo: indique --store o CUADRE_STORE</source>
        <translation>--period reads the closing from the working store: give --store or CUADRE_STORE</translation>
    </message>
    <message>
        <source>el cierre {id} es del espacio de trabajo «{other}» y este informe es de «{workspace}»: indique CUADRE_WORKSPACE=&quot;{other}&quot; o el perfil de ese espacio</source>
        <translation>the closing {id} belongs to the workspace «{other}» and this report is of «{workspace}»: set CUADRE_WORKSPACE=&quot;{other}&quot; or use that workspace&apos;s profile</translation>
    </message>
    <message>
        <source>la firma del cierre {id} no es válida (no la hizo la clave de quien firmó, o el cierre cambió después): no se imprime como firmado. Revise el almacén con «cuadre audit verify».</source>
        <translation>the sign-off of closing {id} is not valid (it was not made by the signer&apos;s key, or the closing changed afterwards): it is not printed as signed. Check the store with «cuadre audit verify».</translation>
    </message>
    <message>
        <source>sin permiso para escribir ahí</source>
        <translation>no permission to write there</translation>
    </message>
    <message>
        <source>ese nombre es una carpeta</source>
        <translation>that name is a folder</translation>
    </message>
    <message>
        <source>no queda espacio en el disco</source>
        <translation>no space left on the disk</translation>
    </message>
    <message>
        <source>el disco es de solo lectura</source>
        <translation>the disk is read-only</translation>
    </message>
    <message>
        <source>la carpeta ya no existe</source>
        <translation>the folder no longer exists</translation>
    </message>
    <message>
        <source>cuadre report: {message}.</source>
        <translation>cuadre report: {message}.</translation>
    </message>
</context>
<context>
    <name>cli.sandbox</name>
    <message>
        <source>servir un CRM y un ERP de prueba en 127.0.0.1 (datos de la demostración)</source>
        <translation>serve a test CRM and ERP on 127.0.0.1 (the demo&apos;s data)</translation>
    </message>
    <message>
        <source>Sirve el CRM (/crm) y el ERP (/erp) de la demostración como APIs REST en 127.0.0.1, con token, paginación, cambios desde una fecha y escritura con ETag; el ERP también habla XML-RPC de Odoo. Corre hasta Ctrl+C.</source>
        <translation>Serves the demo&apos;s CRM (/crm) and ERP (/erp) as REST APIs on 127.0.0.1, with a token, paging, changes since a date and writes with ETag; the ERP also speaks Odoo&apos;s XML-RPC. Runs until Ctrl+C.</translation>
    </message>
    <message>
        <source>PUERTO</source>
        <translation>PORT</translation>
    </message>
    <message>
        <source>puerto en 127.0.0.1 (por defecto {DEFAULT_PORT}; 0: uno libre)</source>
        <translation>port on 127.0.0.1 ({DEFAULT_PORT} by default; 0: a free one)</translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation>TOKEN</translation>
    </message>
    <message>
        <source>token de acceso (por defecto, uno aleatorio)</source>
        <translation>access token (by default, a random one)</translation>
    </message>
    <message>
        <source>cuadre sandbox: el puerto debe estar entre 0 y 65535.</source>
        <translation>cuadre sandbox: the port must be between 0 and 65535.</translation>
    </message>
    <message>
        <source>cuadre sandbox: {exc}</source>
        <translation>cuadre sandbox: {exc}</translation>
    </message>
</context>
<context>
    <name>cli.schedule</name>
    <message>
        <source>el perfil guardado en Conexiones</source>
        <translation>the profile saved in Connections</translation>
    </message>
    <message>
        <source>programar la conciliación diaria de un perfil y sus avisos</source>
        <translation>schedule a profile&apos;s daily reconciliation and its alerts</translation>
    </message>
    <message>
        <source>Programa en el sistema (Programador de tareas de Windows, systemd o cron) la conciliación diaria de un perfil; cada una se guarda en el espacio de trabajo y, si aparecen hallazgos nuevos por encima de un umbral, avisa por correo (con el PDF) o en el escritorio.</source>
        <translation>Schedules a profile&apos;s daily reconciliation in the system (Windows Task Scheduler, systemd or cron); each one is saved in the workspace and, when new findings pass a threshold, it alerts by e-mail (with the PDF) or on the desktop.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>programar un perfil</source>
        <translation>schedule a profile</translation>
    </message>
    <message>
        <source>Instala la conciliación diaria del perfil en el programador del sistema.</source>
        <translation>Installs the profile&apos;s daily reconciliation in the system&apos;s scheduler.</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>hora del día, en la hora de este equipo</source>
        <translation>time of day, in this computer&apos;s time</translation>
    </message>
    <message>
        <source>CORREO</source>
        <translation>EMAIL</translation>
    </message>
    <message>
        <source>a quién avisar por correo (se puede repetir)</source>
        <translation>whom to alert by e-mail (may be repeated)</translation>
    </message>
    <message>
        <source>avisar también con una notificación en el escritorio</source>
        <translation>also alert with a desktop notification</translation>
    </message>
    <message>
        <source>avisar cuando haya N o más hallazgos nuevos (sin umbrales: 1)</source>
        <translation>alert when there are N or more new findings (with no thresholds: 1)</translation>
    </message>
    <message>
        <source>avisar cuando los hallazgos nuevos pongan P pesos o más en juego</source>
        <translation>alert when the new findings put P pesos or more at stake</translation>
    </message>
    <message>
        <source>espacio de trabajo donde se guarda cada conciliación (por defecto, el del perfil)</source>
        <translation>workspace where each reconciliation is saved (by default, the profile&apos;s)</translation>
    </message>
    <message>
        <source>almacén de trabajo (por defecto CUADRE_STORE o el de la carpeta de datos); queda en la programación</source>
        <translation>workspace store (by default CUADRE_STORE or the data folder&apos;s); kept in the schedule</translation>
    </message>
    <message>
        <source>USUARIO</source>
        <translation>USER</translation>
    </message>
    <message>
        <source>quién guarda las conciliaciones programadas (por defecto CUADRE_USER)</source>
        <translation>who saves the scheduled reconciliations (by default CUADRE_USER)</translation>
    </message>
    <message>
        <source>ver lo programado</source>
        <translation>show what is scheduled</translation>
    </message>
    <message>
        <source>escribir el resultado en JSON (para programas)</source>
        <translation>write the result as JSON (for programs)</translation>
    </message>
    <message>
        <source>quitar la programación de un perfil</source>
        <translation>remove a profile&apos;s schedule</translation>
    </message>
    <message>
        <source>correr ya la conciliación programada (lo que llama el programador)</source>
        <translation>run the scheduled reconciliation now (what the scheduler calls)</translation>
    </message>
    <message>
        <source>CARPETA</source>
        <translation>FOLDER</translation>
    </message>
    <message>
        <source>carpeta de datos de Cuadre (la que usaba quien programó)</source>
        <translation>Cuadre&apos;s data folder (the one used by whoever scheduled it)</translation>
    </message>
    <message>
        <source>configurar el servidor de correo de los avisos</source>
        <translation>configure the mail server of the alerts</translation>
    </message>
    <message>
        <source>El servidor, puerto, usuario y remitente quedan en la carpeta de datos; la contraseña, solo en el almacén seguro del sistema (se pide sin mostrarla).</source>
        <translation>The server, port, user and sender are kept in the data folder; the password, only in the system&apos;s secure store (asked for without showing it).</translation>
    </message>
    <message>
        <source>guardar el servidor y pedir la contraseña</source>
        <translation>save the server and ask for the password</translation>
    </message>
    <message>
        <source>SERVIDOR</source>
        <translation>SERVER</translation>
    </message>
    <message>
        <source>por defecto 587 con starttls y 465 con ssl</source>
        <translation>by default 587 with starttls and 465 with ssl</translation>
    </message>
    <message>
        <source>CIFRADO</source>
        <translation>ENCRYPTION</translation>
    </message>
    <message>
        <source>cifrado: starttls (por defecto) o ssl; nunca sin cifrar</source>
        <translation>encryption: starttls (default) or ssl; never unencrypted</translation>
    </message>
    <message>
        <source>REMITENTE</source>
        <translation>SENDER</translation>
    </message>
    <message>
        <source>dirección del remitente (por defecto, el usuario)</source>
        <translation>sender&apos;s address (by default, the user)</translation>
    </message>
    <message>
        <source>ARCHIVO</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>certificado de una autoridad propia (PEM) en la que confiar además de las del sistema</source>
        <translation>certificate of your own authority (PEM) to trust besides the system&apos;s</translation>
    </message>
    <message>
        <source>ver la configuración del correo</source>
        <translation>show the mail settings</translation>
    </message>
    <message>
        <source>borrar la configuración y la contraseña del correo</source>
        <translation>delete the mail settings and password</translation>
    </message>
    <message>
        <source>cuadre schedule: {message}.</source>
        <translation>cuadre schedule: {message}.</translation>
    </message>
    <message>
        <source>--threshold-findings debe ser 1 o más</source>
        <translation>--threshold-findings must be 1 or more</translation>
    </message>
    <message>
        <source>Programada la conciliación de «{profile}» todos los días a las {daily} (hora de este equipo), con el {backend}: {where}.</source>
        <translation>Scheduled the reconciliation of «{profile}» every day at {daily} (this computer&apos;s time), with the {backend}: {where}.</translation>
    </message>
    <message>
        <source>Avisos: {alerts}; {when}.</source>
        <translation>Alerts: {alerts}; {when}.</translation>
    </message>
    <message>
        <source>Falta el servidor de correo: «cuadre schedule smtp set --host SERVIDOR --user USUARIO»; hasta entonces no se envían correos.</source>
        <translation>The mail server is missing: «cuadre schedule smtp set --host SERVER --user USER»; until then no e-mail is sent.</translation>
    </message>
    <message>
        <source>«{login}» no está registrado con un rol para conciliar en el espacio de trabajo (propone, aprueba o administra): las conciliaciones programadas se guardan a su nombre</source>
        <translation>«{login}» is not registered with a role to reconcile in the workspace (proposes, approves or administers): the scheduled reconciliations are saved in their name</translation>
    </message>
    <message>
        <source>correo a {emails}</source>
        <translation>e-mail to {emails}</translation>
    </message>
    <message>
        <source>notificación en el escritorio</source>
        <translation>desktop notification</translation>
    </message>
    <message>
        <source>ninguno (solo se guarda la conciliación)</source>
        <translation>none (the reconciliation is only saved)</translation>
    </message>
    <message>
        <source>{count} o más hallazgos nuevos</source>
        <translation>{count} or more new findings</translation>
    </message>
    <message>
        <source>{pesos} o más en juego en hallazgos nuevos</source>
        <translation>{pesos} or more at stake in new findings</translation>
    </message>
    <message>
        <source>cuando haya {what}</source>
        <translation>when there are {what}</translation>
    </message>
    <message>
        <source> o </source>
        <translation> or </translation>
    </message>
    <message>
        <source>No hay conciliaciones programadas: «cuadre schedule add --profile NOMBRE --daily 06:00» programa una.</source>
        <translation>There are no scheduled reconciliations: «cuadre schedule add --profile NAME --daily 06:00» schedules one.</translation>
    </message>
    <message>
        <source>Perfil</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Hora</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Programador</source>
        <translation>Scheduler</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Avisos</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Umbral</source>
        <translation>Threshold</translation>
    </message>
    <message>
        <source>«{profile}» no está programado{known}</source>
        <translation>«{profile}» is not scheduled{known}</translation>
    </message>
    <message>
        <source>; lo programado: {names}</source>
        <translation>; scheduled: {names}</translation>
    </message>
    <message>
        <source>Se quitó la conciliación programada de «{profile}» del {backend}.</source>
        <translation>The scheduled reconciliation of «{profile}» was removed from the {backend}.</translation>
    </message>
    <message>
        <source>La conciliación de «{profile}» ya no estaba en el {backend}; se borró de la lista.</source>
        <translation>The reconciliation of «{profile}» was no longer in the {backend}; it was removed from the list.</translation>
    </message>
    <message>
        <source>«{profile}» no está programado: «cuadre schedule add --profile {profile} --daily 06:00» lo programa</source>
        <translation>«{profile}» is not scheduled: «cuadre schedule add --profile {profile} --daily 06:00» schedules it</translation>
    </message>
    <message>
        <source>El detalle quedó en {path}</source>
        <translation>The details are in {path}</translation>
    </message>
    <message>
        <source>Conciliación programada de «{profile}» guardada ({id}): {count} hallazgos, {pesos} en juego.</source>
        <translation>Scheduled reconciliation of «{profile}» saved ({id}): {count} findings, {pesos} at stake.</translation>
    </message>
    <message>
        <source>frente a la anterior ({when})</source>
        <translation>against the previous one ({when})</translation>
    </message>
    <message>
        <source>primera del espacio de trabajo</source>
        <translation>first of the workspace</translation>
    </message>
    <message>
        <source>Cambios, {before}: {headline}.</source>
        <translation>Changes, {before}: {headline}.</translation>
    </message>
    <message>
        <source>No supera ningún umbral: sin aviso.</source>
        <translation>No threshold passed: no alert.</translation>
    </message>
    <message>
        <source>Supera el umbral: {reasons}.</source>
        <translation>Threshold passed: {reasons}.</translation>
    </message>
    <message>
        <source>Correo enviado a {emails}{pdf}.</source>
        <translation>E-mail sent to {emails}{pdf}.</translation>
    </message>
    <message>
        <source>, con el informe {name}</source>
        <translation>, with the report {name}</translation>
    </message>
    <message>
        <source>Notificación mostrada en el escritorio.</source>
        <translation>Notification shown on the desktop.</translation>
    </message>
    <message>
        <source>no hay servidor de correo configurado: «cuadre schedule smtp set --host SERVIDOR --user USUARIO»</source>
        <translation>no mail server is configured: «cuadre schedule smtp set --host SERVER --user USER»</translation>
    </message>
    <message>
        <source>Dato</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>Valor</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Servidor</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Cifrado</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <source>Usuario</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Remitente</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Certificados</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>los del sistema</source>
        <translation>the system&apos;s</translation>
    </message>
    <message>
        <source>Contraseña</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>guardada en el almacén seguro</source>
        <translation>saved in the secure store</translation>
    </message>
    <message>
        <source>falta: «cuadre schedule smtp set …»</source>
        <translation>missing: «cuadre schedule smtp set …»</translation>
    </message>
    <message>
        <source>no se puede guardar la contraseña del correo: {where}. Cuadre solo la guarda en el almacén seguro del sistema</source>
        <translation>the mail password cannot be saved: {where}. Cuadre keeps it only in the system&apos;s secure store</translation>
    </message>
    <message>
        <source>no se recibió ninguna contraseña; no se guardó nada</source>
        <translation>no password was received; nothing was saved</translation>
    </message>
    <message>
        <source>Correo de los avisos: {user} en {host}:{port} ({security}); la contraseña quedó en {where}.</source>
        <translation>Alerts mail: {user} at {host}:{port} ({security}); the password is in {where}.</translation>
    </message>
    <message>
        <source>Contraseña del correo {user} en {host}: </source>
        <translation>Password of the mail account {user} at {host}: </translation>
    </message>
    <message>
        <source>Se borró la configuración del correo y su contraseña.</source>
        <translation>The mail settings and their password were deleted.</translation>
    </message>
</context>
<context>
    <name>cli.selftest</name>
    <message>
        <source>empaquetado (PyInstaller)</source>
        <translation>packaged (PyInstaller)</translation>
    </message>
    <message>
        <source>desde el código fuente</source>
        <translation>from the source code</translation>
    </message>
    <message>
        <source>falta el paquete de recursos «resources»</source>
        <translation>the resources package «resources» is missing</translation>
    </message>
    <message>
        <source>faltan archivos de recursos: {join}</source>
        <translation>resource files are missing: {join}</translation>
    </message>
    <message>
        <source>la hoja de estilo cuadre.qss está vacía</source>
        <translation>the style sheet cuadre.qss is empty</translation>
    </message>
    <message>
        <source>faltan imágenes de la hoja de estilo en icons/: {join}</source>
        <translation>images of the style sheet are missing in icons/: {join}</translation>
    </message>
    <message>
        <source>la lista DIVIPOLA está incompleta ({count} municipios)</source>
        <translation>the DIVIPOLA list is incomplete ({count} municipalities)</translation>
    </message>
    <message>
        <source>{n} imagen</source>
        <translation>{n} image</translation>
    </message>
    <message>
        <source>{n} imágenes</source>
        <translation>{n} images</translation>
    </message>
    <message>
        <source>hoja de estilo ({pictures}), ícono y DIVIPOLA ({count} municipios)</source>
        <translation>style sheet ({pictures}), icon and DIVIPOLA ({count} municipalities)</translation>
    </message>
    <message>
        <source>el almacén de trabajo no quedó en modo WAL ({mode})</source>
        <translation>the workspace store was not left in WAL mode ({mode})</translation>
    </message>
    <message>
        <source>SQLite {version}; almacén de trabajo creado ({tables} tablas, WAL)</source>
        <translation>SQLite {version}; workspace store created ({tables} tables, WAL)</translation>
    </message>
    <message>
        <source>Argon2id no comprobó bien una clave</source>
        <translation>Argon2id did not check a passphrase correctly</translation>
    </message>
    <message>
        <source>Argon2id: huella de una clave creada y comprobada en {seconds} s</source>
        <translation>Argon2id: a passphrase&apos;s hash made and checked in {seconds} s</translation>
    </message>
    <message>
        <source>almacén seguro: {description}</source>
        <translation>secure store: {description}</translation>
    </message>
    <message>
        <source>no se encontró el Administrador de credenciales: {description}</source>
        <translation>the Credential Manager was not found: {description}</translation>
    </message>
    <message>
        <source>no se guardarán credenciales: {description}</source>
        <translation>credentials will not be saved: {description}</translation>
    </message>
    <message>
        <source>pandas o NumPy calculan mal una suma de prueba</source>
        <translation>pandas or NumPy get a test sum wrong</translation>
    </message>
    <message>
        <source>RapidFuzz {version} usa la versión en Python puro ({implementation}): falta su módulo compilado</source>
        <translation>RapidFuzz {version} uses the pure Python version ({implementation}): its compiled module is missing</translation>
    </message>
    <message>
        <source>RapidFuzz compara mal dos nombres de prueba</source>
        <translation>RapidFuzz compares two test names wrongly</translation>
    </message>
    <message>
        <source>RapidFuzz {version}, código compilado ({module})</source>
        <translation>RapidFuzz {version}, compiled code ({module})</translation>
    </message>
    <message>
        <source>un libro XLSX escrito no se leyó igual</source>
        <translation>an XLSX workbook written was not read back the same</translation>
    </message>
    <message>
        <source>openpyxl {version}: libro escrito y leído</source>
        <translation>openpyxl {version}: workbook written and read</translation>
    </message>
    <message>
        <source>matplotlib no produjo una imagen PNG</source>
        <translation>matplotlib did not produce a PNG image</translation>
    </message>
    <message>
        <source>matplotlib {version}: gráfico dibujado ({size} KB, {font})</source>
        <translation>matplotlib {version}: chart drawn ({size} KB, {font})</translation>
    </message>
    <message>
        <source>el PDF de prueba no se escribió completo o sin su letra incrustada</source>
        <translation>the test PDF was not written whole or without its embedded font</translation>
    </message>
    <message>
        <source>reportlab {version}: PDF escrito ({size} KB, letra incrustada)</source>
        <translation>reportlab {version}: PDF written ({size} KB, font embedded)</translation>
    </message>
    <message>
        <source>TLS con el almacén de certificados del sistema; psycopg {psycopg} ({impl}), PyMySQL {pymysql}</source>
        <translation>TLS with the system&apos;s certificate store; psycopg {psycopg} ({impl}), PyMySQL {pymysql}</translation>
    </message>
    <message>
        <source>la demostración no se pudo conciliar: </source>
        <translation>the demo could not be reconciled: </translation>
    </message>
    <message>
        <source>la conciliación de la demostración no encontró diferencias en: </source>
        <translation>the demo&apos;s reconciliation found no differences in: </translation>
    </message>
    <message>
        <source>generada y conciliada: {count} diferencias en 3 entidades</source>
        <translation>generated and reconciled: {count} differences in 3 entities</translation>
    </message>
    <message>
        <source>Entorno</source>
        <translation>Environment</translation>
    </message>
    <message>
        <source>Recursos</source>
        <translation>Resources</translation>
    </message>
    <message>
        <source>Llavero</source>
        <translation>Keyring</translation>
    </message>
    <message>
        <source>Claves</source>
        <translation>Passphrases</translation>
    </message>
    <message>
        <source>Gráficos</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>Conectores</source>
        <translation>Connectors</translation>
    </message>
    <message>
        <source>Demostración</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Qt (plataforma)</source>
        <translation>Qt (platform)</translation>
    </message>
    <message>
        <source>Ventana</source>
        <translation>Window</translation>
    </message>
    <message>
        <source>Traducciones</source>
        <translation>Translations</translation>
    </message>
    <message>
        <source>AVISO</source>
        <translation>WARNING</translation>
    </message>
    <message>
        <source>FALLA</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>OMITIDA</source>
        <translation>SKIPPED</translation>
    </message>
    <message>
        <source>no se pudo cargar el módulo «{name}» ({error})</source>
        <translation>the module «{name}» could not be loaded ({error})</translation>
    </message>
    <message>
        <source>sin ventana (--no-gui)</source>
        <translation>no window (--no-gui)</translation>
    </message>
    <message>
        <source>Autodiagnóstico de Cuadre {version}</source>
        <translation>Cuadre self-test {version}</translation>
    </message>
    <message>
        <source>{count} con falla ({names})</source>
        <translation>{count} failed ({names})</translation>
    </message>
    <message>
        <source>ninguna falla</source>
        <translation>no failures</translation>
    </message>
    <message>
        <source>Resultado: {passed} correctas, {count} con aviso, {verdict} (en {seconds} s).</source>
        <translation>Result: {passed} passed, {count} with a warning, {verdict} (in {seconds} s).</translation>
    </message>
    <message>
        <source>no se pudieron cargar las pruebas de la ventana: {name}: {detail}</source>
        <translation>the window&apos;s checks could not be loaded: {name}: {detail}</translation>
    </message>
</context>
<context>
    <name>cli.sources</name>
    <message>
        <source>el CRM: {sources}, o {named}</source>
        <translation>the CRM: {sources}, or {named}</translation>
    </message>
    <message>
        <source>el ERP: {sources}, {named}</source>
        <translation>the ERP: {sources}, {named}</translation>
    </message>
    <message>
        <source>archivo CSV/XLSX, URL de base de datos (sqlite:///…, postgresql://usuario@…), API http(s)://… u odoo://USUARIO@SERVIDOR/BASE</source>
        <translation>a CSV/XLSX file, a database URL (sqlite:///…, postgresql://user@…), an http(s)://… API or odoo://USER@SERVER/DATABASE</translation>
    </message>
    <message>
        <source>hubspot://PORTAL (HubSpot: el Hub ID de la cuenta, p. ej. hubspot://12345678; hubspot://PORTAL@127.0.0.1:PUERTO para el sandbox)</source>
        <translation>hubspot://PORTAL (HubSpot: the account&apos;s Hub ID, e.g. hubspot://12345678; hubspot://PORTAL@127.0.0.1:PORT for the sandbox)</translation>
    </message>
    <message>
        <source>siigo://USUARIO@empresa (Siigo Nube: el usuario API y un nombre que usted da a la empresa, p. ej. siigo://api@concesionario.co@autos-norte) o alegra://CORREO@empresa (Alegra: el correo del usuario, p. ej. alegra://contabilidad@concesionario.co@autos-norte); en otro servidor, siigo+https://USUARIO@SERVIDOR:PUERTO o alegra+https://CORREO@SERVIDOR:PUERTO</source>
        <translation>siigo://USER@company (Siigo Nube: the API user and a name you give the company, e.g. siigo://api@concesionario.co@autos-norte) or alegra://EMAIL@company (Alegra: the user&apos;s e-mail, e.g. alegra://contabilidad@concesionario.co@autos-norte); on another server, siigo+https://USER@SERVER:PORT or alegra+https://EMAIL@SERVER:PORT</translation>
    </message>
    <message>
        <source>conciliar el concesionario de demostración</source>
        <translation>reconcile the demo dealership</translation>
    </message>
    <message>
        <source>regenerar la demostración primero</source>
        <translation>generate the demo again first</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>conciliar un perfil guardado en Conexiones (sus fuentes y tolerancias)</source>
        <translation>reconcile a profile saved in Connections (its sources and tolerances)</translation>
    </message>
    <message>
        <source>ENTIDAD</source>
        <translation>ENTITY</translation>
    </message>
    <message>
        <source>qué comparan los archivos --crm y --erp: {entity_choices} (con --profile: solo esa)</source>
        <translation>what the --crm and --erp files compare: {entity_choices} (with --profile: only that one)</translation>
    </message>
    <message>
        <source>FUENTE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>leer todo de nuevo (por defecto, solo lo que cambió desde la conciliación anterior, donde la fuente lo sabe decir)</source>
        <translation>read everything again (by default, only what changed since the previous reconciliation, where the source can tell)</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>columnas: {&quot;doc_number&quot;: &quot;Encabezado&quot;} para ambos archivos, o {&quot;crm&quot;: {...}, &quot;erp&quot;: {...}}</source>
        <translation>columns: {&quot;doc_number&quot;: &quot;Header&quot;} for both files, or {&quot;crm&quot;: {...}, &quot;erp&quot;: {...}}</translation>
    </message>
    <message>
        <source>--profile ya trae sus fuentes y columnas: no lo combine con --demo, --crm, --erp ni --mapping</source>
        <translation>--profile brings its own sources and columns: do not combine it with --demo, --crm, --erp or --mapping</translation>
    </message>
    <message>
        <source>use --demo o --crm/--erp, no ambos</source>
        <translation>use --demo or --crm/--erp, not both</translation>
    </message>
    <message>
        <source>indique los datos: --demo, o --crm FUENTE y --erp FUENTE</source>
        <translation>give the data: --demo, or --crm SOURCE and --erp SOURCE</translation>
    </message>
    <message>
        <source>hacen falta las dos fuentes: --crm y --erp</source>
        <translation>both sources are needed: --crm and --erp</translation>
    </message>
    <message>
        <source>el mapeo {name} no es JSON válido</source>
        <translation>the mapping {name} is not valid JSON</translation>
    </message>
    <message>
        <source>el mapeo {name} debe ser un objeto {{&quot;columna&quot;: &quot;Encabezado&quot;}}</source>
        <translation>the mapping {name} must be an object {{&quot;column&quot;: &quot;Header&quot;}}</translation>
    </message>
    <message>
        <source>; los guardados son: {names}</source>
        <translation>; the saved ones are: {names}</translation>
    </message>
    <message>
        <source>; no hay perfiles guardados (se crean en la ventana: Archivo › Conexiones…)</source>
        <translation>; there are no saved profiles (they are created in the window: File › Connections…)</translation>
    </message>
    <message>
        <source>no existe el perfil «{name}»{known}</source>
        <translation>there is no profile «{name}»{known}</translation>
    </message>
    <message>
        <source>concesionario de demostración</source>
        <translation>demo dealership</translation>
    </message>
    <message>
        <source>perfil «{name}»</source>
        <translation>profile «{name}»</translation>
    </message>
</context>
<context>
    <name>cli.vin</name>
    <message>
        <source>¿dónde está este VIN? El CRM, el ERP y el último conteo</source>
        <translation>where is this VIN? The CRM, the ERP and the last count</translation>
    </message>
    <message>
        <source>Muestra un VIN en los dos sistemas — el negocio del CRM, su etapa y su cliente; el estado del ERP, su sede, para quién está reservado o vendido y su factura —, dónde y cuándo se contó por última vez y sus hallazgos abiertos, según la última conciliación guardada (o leído en vivo con --live).</source>
        <translation>Shows one VIN in both systems — the CRM&apos;s deal, its stage and its customer; the ERP&apos;s status, its branch, whom it is reserved or sold for and its invoice —, where and when it was last counted and its open findings, according to the latest saved reconciliation (or read live with --live).</translation>
    </message>
    <message>
        <source>Códigos de salida: 0 encontrado; 1 no encontrado o nada guardado; 2 uso incorrecto o varios VIN terminan en lo escrito.</source>
        <translation>Exit codes: 0 found; 1 not found or nothing saved; 2 wrong usage or several VINs end with what was typed.</translation>
    </message>
    <message>
        <source>el VIN o sus últimos caracteres (al menos 6)</source>
        <translation>the VIN or its last characters (at least 6)</translation>
    </message>
    <message>
        <source>el concesionario de demostración</source>
        <translation>the demo dealership</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>un perfil guardado en Conexiones</source>
        <translation>a profile saved in Connections</translation>
    </message>
    <message>
        <source>FUENTE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>el CRM: {sources}</source>
        <translation>the CRM: {sources}</translation>
    </message>
    <message>
        <source>el ERP: {sources}</source>
        <translation>the ERP: {sources}</translation>
    </message>
    <message>
        <source>el espacio de trabajo: por defecto CUADRE_WORKSPACE, el de los sistemas indicados o el más reciente</source>
        <translation>the workspace: by default CUADRE_WORKSPACE, that of the systems given, or the most recent</translation>
    </message>
    <message>
        <source>leer el VIN otra vez en los dos sistemas (hace falta --demo, --profile o --crm/--erp)</source>
        <translation>read the VIN again in both systems (needs --demo, --profile or --crm/--erp)</translation>
    </message>
    <message>
        <source>no mostrar el progreso de la lectura en vivo</source>
        <translation>do not show the live read&apos;s progress</translation>
    </message>
    <message>
        <source>indique un solo origen: --demo, --profile NOMBRE o --crm FUENTE --erp FUENTE</source>
        <translation>give one origin only: --demo, --profile NAME or --crm SOURCE --erp SOURCE</translation>
    </message>
    <message>
        <source>hacen falta las dos fuentes: --crm y --erp</source>
        <translation>both sources are needed: --crm and --erp</translation>
    </message>
    <message>
        <source>--live lee los sistemas: indique --demo, --profile NOMBRE o --crm FUENTE --erp FUENTE</source>
        <translation>--live reads the systems: give --demo, --profile NAME or --crm SOURCE --erp SOURCE</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>ERP</source>
        <translation>ERP</translation>
    </message>
    <message>
        <source>… y más.</source>
        <translation>… and more.</translation>
    </message>
    <message>
        <source>no lo tiene</source>
        <translation>does not have it</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Cliente</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Vehículo</source>
        <translation>Vehicle</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Negocio</source>
        <translation>Deal</translation>
    </message>
    <message>
        <source>Etapa</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Asesor</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>Entregado</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>VIN {vin}</source>
        <translation>VIN {vin}</translation>
    </message>
    <message>
        <source>Leído en vivo en los dos sistemas el {moment}.</source>
        <translation>Read live in both systems on {moment}.</translation>
    </message>
    <message>
        <source>Según la conciliación guardada de «{workspace}» del {moment}.</source>
        <translation>According to the saved reconciliation of “{workspace}” of {moment}.</translation>
    </message>
    <message>
        <source>Conteo físico: no aparece en los conteos guardados.</source>
        <translation>Physical count: not in the saved counts.</translation>
    </message>
    <message>
        <source>Conteo físico: contado en {branch} el {moment}{by}.</source>
        <translation>Physical count: counted at {branch} on {moment}{by}.</translation>
    </message>
    <message>
        <source> por {who}</source>
        <translation> by {who}</translation>
    </message>
    <message>
        <source>Hallazgos abiertos: ninguno.</source>
        <translation>Open findings: none.</translation>
    </message>
    <message>
        <source>Hallazgos abiertos: {count}</source>
        <translation>Open findings: {count}</translation>
    </message>
    <message>
        <source>Hallazgo</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Diferencia</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>Responsable</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Días</source>
        <translation>Days</translation>
    </message>
</context>
<context>
    <name>cli.workspace</name>
    <message>
        <source>conciliar en el espacio de trabajo y ver lo conciliado</source>
        <translation>reconcile in the workspace and see what was reconciled</translation>
    </message>
    <message>
        <source>Concilia y guarda el resultado (hallazgos y propuestas) en el espacio de trabajo, o lista las conciliaciones guardadas.</source>
        <translation>Reconciles and saves the result (findings and proposals) in the workspace, or lists the saved reconciliations.</translation>
    </message>
    <message>
        <source>ACCIÓN</source>
        <translation>ACTION</translation>
    </message>
    <message>
        <source>conciliar y guardar la conciliación en el espacio de trabajo</source>
        <translation>reconcile and save the reconciliation in the workspace</translation>
    </message>
    <message>
        <source>Concilia la demostración (--demo), un perfil guardado (--profile) o dos fuentes (--crm y --erp) y guarda sus hallazgos y propuestas, para proponer y aprobar correcciones después.</source>
        <translation>Reconciles the demo (--demo), a saved profile (--profile) or two sources (--crm and --erp) and saves its findings and proposals, to propose and approve corrections afterwards.</translation>
    </message>
    <message>
        <source>NOMBRE</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>nombre del espacio de trabajo; por defecto CUADRE_WORKSPACE, el perfil, «{DEMO_WORKSPACE}» o «{DEFAULT_WORKSPACE}»</source>
        <translation>name of the workspace; by default CUADRE_WORKSPACE, the profile, «{DEMO_WORKSPACE}» or «{DEFAULT_WORKSPACE}»</translation>
    </message>
    <message>
        <source>ARCHIVO</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>además, el informe JSON completo</source>
        <translation>also the full JSON report</translation>
    </message>
    <message>
        <source>no mostrar progreso ni resumen</source>
        <translation>show neither progress nor summary</translation>
    </message>
    <message>
        <source>anotar la cabeza del registro de auditoría en este archivo, fuera del espacio de trabajo, después de guardar (por defecto CUADRE_ANCHOR_FILE)</source>
        <translation>write the audit trail&apos;s head down in this file, outside the workspace, after saving (default CUADRE_ANCHOR_FILE)</translation>
    </message>
    <message>
        <source>listar las conciliaciones guardadas</source>
        <translation>list the saved reconciliations</translation>
    </message>
    <message>
        <source>Lista las conciliaciones guardadas, la más reciente primero.</source>
        <translation>Lists the saved reconciliations, the most recent first.</translation>
    </message>
    <message>
        <source>«{login}» no está registrado con un rol para conciliar en el espacio de trabajo (propone, aprueba o administra).</source>
        <translation>«{login}» is not registered with a role to reconcile in the workspace (proposer, approver or admin).</translation>
    </message>
    <message>
        <source>
Conciliación guardada en «{name}» ({id}): {count} propuestas de corrección ({pushable} se pueden proponer para enviar), {count2} fusiones y {count3} notas crédito/débito.</source>
        <translation>
Reconciliation saved in «{name}» ({id}): {count} correction proposals ({pushable} can be proposed for sending), {count2} merges and {count3} credit/debit notes.</translation>
    </message>
    <message>
        <source>Siguiente paso: cuadre corrections proposals</source>
        <translation>Next step: cuadre corrections proposals</translation>
    </message>
    <message>
        <source>No hay conciliaciones guardadas: «cuadre workspace reconcile …» guarda una.</source>
        <translation>There are no saved reconciliations: «cuadre workspace reconcile …» saves one.</translation>
    </message>
    <message>
        <source>Conciliación</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>Espacio</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <source>Guardada</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Por</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Hallazgos</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>En juego</source>
        <translation>At stake</translation>
    </message>
    <message>
        <source>Fuente</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Clientes</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Pagos</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Inventario</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Negocios</source>
        <translation>Deals</translation>
    </message>
    <message>
        <source>Facturas</source>
        <translation>Invoices</translation>
    </message>
    <message>
        <source>Visitas al taller</source>
        <translation>Workshop visits</translation>
    </message>
    <message>
        <source>SOAT, seguros y créditos</source>
        <translation>SOAT, insurance and loans</translation>
    </message>
    <message>
        <source>Seguimientos</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>cliente</source>
        <translation>customer</translation>
    </message>
    <message>
        <source>clientes</source>
        <translation>customers</translation>
    </message>
    <message>
        <source>pago</source>
        <translation>payment</translation>
    </message>
    <message>
        <source>pagos</source>
        <translation>payments</translation>
    </message>
    <message>
        <source>vehículo</source>
        <translation>vehicle</translation>
    </message>
    <message>
        <source>vehículos</source>
        <translation>vehicles</translation>
    </message>
    <message>
        <source>negocio</source>
        <translation>deal</translation>
    </message>
    <message>
        <source>negocios</source>
        <translation>deals</translation>
    </message>
    <message>
        <source>factura</source>
        <translation>invoice</translation>
    </message>
    <message>
        <source>facturas</source>
        <translation>invoices</translation>
    </message>
    <message>
        <source>visita al taller</source>
        <translation>workshop visit</translation>
    </message>
    <message>
        <source>visitas al taller</source>
        <translation>workshop visits</translation>
    </message>
    <message>
        <source>contrato</source>
        <translation>contract</translation>
    </message>
    <message>
        <source>contratos</source>
        <translation>contracts</translation>
    </message>
    <message>
        <source>seguimiento</source>
        <translation>follow-up</translation>
    </message>
    <message>
        <source>seguimientos</source>
        <translation>follow-ups</translation>
    </message>
    <message>
        <source>Solo en el CRM</source>
        <translation>Only in the CRM</translation>
    </message>
    <message>
        <source>Solo en el ERP</source>
        <translation>Only in the ERP</translation>
    </message>
    <message>
        <source>Nombre distinto</source>
        <translation>Different name</translation>
    </message>
    <message>
        <source>Teléfono distinto</source>
        <translation>Different phone</translation>
    </message>
    <message>
        <source>Correo distinto</source>
        <translation>Different e-mail</translation>
    </message>
    <message>
        <source>Ciudad distinta</source>
        <translation>Different city</translation>
    </message>
    <message>
        <source>Posible coincidencia (revisar)</source>
        <translation>Possible match (review)</translation>
    </message>
    <message>
        <source>Documento duplicado</source>
        <translation>Duplicate document</translation>
    </message>
    <message>
        <source>Posible duplicado</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Dígito de verificación inválido</source>
        <translation>Invalid check digit</translation>
    </message>
    <message>
        <source>Falta Cédula/NIT</source>
        <translation>Missing Cédula/NIT</translation>
    </message>
    <message>
        <source>Falta Ciudad</source>
        <translation>Missing City</translation>
    </message>
    <message>
        <source>Falta Teléfono</source>
        <translation>Missing Phone</translation>
    </message>
    <message>
        <source>Pagado en CRM sin recibo en ERP</source>
        <translation>Paid in CRM without a receipt in ERP</translation>
    </message>
    <message>
        <source>Recibo en ERP sin pago en CRM</source>
        <translation>Receipt in ERP without a payment in CRM</translation>
    </message>
    <message>
        <source>Valor distinto</source>
        <translation>Different amount</translation>
    </message>
    <message>
        <source>Fecha distinta</source>
        <translation>Different date</translation>
    </message>
    <message>
        <source>Cliente distinto</source>
        <translation>Different customer</translation>
    </message>
    <message>
        <source>Recibo duplicado</source>
        <translation>Duplicate receipt</translation>
    </message>
    <message>
        <source>Vendido en CRM, disponible en ERP</source>
        <translation>Sold in CRM, available in ERP</translation>
    </message>
    <message>
        <source>Reservado para otro cliente</source>
        <translation>Reserved for another customer</translation>
    </message>
    <message>
        <source>Sede distinta</source>
        <translation>Different branch</translation>
    </message>
    <message>
        <source>VIN inválido</source>
        <translation>Invalid VIN</translation>
    </message>
    <message>
        <source>VIN duplicado</source>
        <translation>Duplicate VIN</translation>
    </message>
    <message>
        <source>No está en el patio</source>
        <translation>Not on the lot</translation>
    </message>
    <message>
        <source>En el patio, no en inventario del ERP</source>
        <translation>On the lot, not in the ERP&apos;s stock</translation>
    </message>
    <message>
        <source>En otra sede según el ERP</source>
        <translation>At another branch according to the ERP</translation>
    </message>
    <message>
        <source>VIN contado inválido</source>
        <translation>Invalid counted VIN</translation>
    </message>
    <message>
        <source>Contado más de una vez</source>
        <translation>Counted more than once</translation>
    </message>
    <message>
        <source>Monto con fecha distinta</source>
        <translation>Amount with a different date</translation>
    </message>
    <message>
        <source>Monto con cliente distinto</source>
        <translation>Amount with a different customer</translation>
    </message>
    <message>
        <source>Id en el sistema</source>
        <translation>Id in the system</translation>
    </message>
    <message>
        <source>Tipo de documento</source>
        <translation>Document type</translation>
    </message>
    <message>
        <source>Cédula/NIT</source>
        <translation>Cédula/NIT</translation>
    </message>
    <message>
        <source>DV</source>
        <translation>Check digit</translation>
    </message>
    <message>
        <source>Nombres</source>
        <translation>First names</translation>
    </message>
    <message>
        <source>Apellidos</source>
        <translation>Last names</translation>
    </message>
    <message>
        <source>Razón social</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Nombre</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Teléfono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Correo</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Código DIVIPOLA</source>
        <translation>DIVIPOLA code</translation>
    </message>
    <message>
        <source>Ciudad</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Dirección</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Autorización de datos</source>
        <translation>Data consent</translation>
    </message>
    <message>
        <source>Fecha de autorización</source>
        <translation>Consent date</translation>
    </message>
    <message>
        <source>Canal de autorización</source>
        <translation>Consent channel</translation>
    </message>
    <message>
        <source>Reclamo en trámite</source>
        <translation>Claim in progress</translation>
    </message>
    <message>
        <source>Es cliente</source>
        <translation>Is a customer</translation>
    </message>
    <message>
        <source>Actualizado</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Recibo</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Factura</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <source>CUFE</source>
        <translation>CUFE</translation>
    </message>
    <message>
        <source>Documento del cliente</source>
        <translation>Customer&apos;s document</translation>
    </message>
    <message>
        <source>Valor</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Moneda</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Fecha de pago</source>
        <translation>Payment date</translation>
    </message>
    <message>
        <source>Medio de pago</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <source>Estado</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Negocio</source>
        <translation>Deal</translation>
    </message>
    <message>
        <source>Sede</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>Marca</source>
        <translation>Make</translation>
    </message>
    <message>
        <source>Línea</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Modelo (año)</source>
        <translation>Model year</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>Precio</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Fecha de entrega</source>
        <translation>Delivery date</translation>
    </message>
    <message>
        <source>Fecha de ingreso al inventario</source>
        <translation>Date received into stock</translation>
    </message>
    <message>
        <source>Etapa</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Origen del prospecto</source>
        <translation>Lead source</translation>
    </message>
    <message>
        <source>Asesor comercial</source>
        <translation>Salesperson</translation>
    </message>
    <message>
        <source>Fecha de cierre</source>
        <translation>Close date</translation>
    </message>
    <message>
        <source>Fecha de creación</source>
        <translation>Creation date</translation>
    </message>
    <message>
        <source>Fecha de factura</source>
        <translation>Invoice date</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Fecha de visita</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <source>Kilometraje</source>
        <translation>Mileage (km)</translation>
    </message>
    <message>
        <source>Entidad</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Inicio</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Vence</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>Fecha del seguimiento</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Aniversario de entrega</source>
        <translation>Delivery anniversary</translation>
    </message>
    <message>
        <source>Primer servicio (5.000 km)</source>
        <translation>First service (5,000 km)</translation>
    </message>
    <message>
        <source>Renovación del SOAT</source>
        <translation>SOAT renewal</translation>
    </message>
    <message>
        <source>Renovación del seguro</source>
        <translation>Insurance renewal</translation>
    </message>
    <message>
        <source>Renovación del vehículo</source>
        <translation>Vehicle renewal</translation>
    </message>
    <message>
        <source>Otro</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Disponible</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Reservado</source>
        <translation>Reserved</translation>
    </message>
    <message>
        <source>Vendido</source>
        <translation>Sold</translation>
    </message>
    <message>
        <source>Entregado</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>En tránsito</source>
        <translation>In transit</translation>
    </message>
    <message>
        <source>Demostración</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Contabilizado</source>
        <translation>Posted</translation>
    </message>
    <message>
        <source>Prospecto</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Prueba de manejo</source>
        <translation>Test drive</translation>
    </message>
    <message>
        <source>Negociación</source>
        <translation>Negotiation</translation>
    </message>
    <message>
        <source>Perdido</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Propuesta</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Aprobada</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Rechazada</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Aplazada</source>
        <translation>Deferred</translation>
    </message>
    <message>
        <source>En cola</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>En envío</source>
        <translation>Being pushed</translation>
    </message>
    <message>
        <source>Aplicada</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>En conflicto</source>
        <translation>In conflict</translation>
    </message>
    <message>
        <source>Fallida</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Resultado desconocido</source>
        <translation>Unknown result</translation>
    </message>
    <message>
        <source>propuesta</source>
        <translation>proposed</translation>
    </message>
    <message>
        <source>aprobada</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>rechazada</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>aplazada</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>en cola</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>en envío</source>
        <translation>being pushed</translation>
    </message>
    <message>
        <source>aplicada</source>
        <translation>applied</translation>
    </message>
    <message>
        <source>en conflicto</source>
        <translation>in conflict</translation>
    </message>
    <message>
        <source>fallida</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>con resultado desconocido</source>
        <translation>with an unknown result</translation>
    </message>
    <message>
        <source>rechazada por el sistema</source>
        <translation>rejected by the system</translation>
    </message>
    <message>
        <source>aplicadas</source>
        <translation>applied</translation>
    </message>
    <message>
        <source>rechazadas por el sistema</source>
        <translation>rejected by the system</translation>
    </message>
    <message>
        <source>fallidas</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>propuesto</source>
        <translation>proposed</translation>
    </message>
    <message>
        <source>aplazado</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>aprobado</source>
        <translation>approved</translation>
    </message>
    <message>
        <source>ya creado en el CRM</source>
        <translation>already created in the CRM</translation>
    </message>
    <message>
        <source>con envío sin confirmar</source>
        <translation>with an unconfirmed push</translation>
    </message>
    <message>
        <source>con envío fallido</source>
        <translation>with a failed push</translation>
    </message>
    <message>
        <source>propone</source>
        <translation>proposes</translation>
    </message>
    <message>
        <source>aprueba</source>
        <translation>approves</translation>
    </message>
    <message>
        <source>audita</source>
        <translation>audits</translation>
    </message>
    <message>
        <source>administra</source>
        <translation>administers</translation>
    </message>
    <message>
        <source>proponer</source>
        <translation>propose</translation>
    </message>
    <message>
        <source>aprobar</source>
        <translation>approve</translation>
    </message>
    <message>
        <source>auditar</source>
        <translation>audit</translation>
    </message>
    <message>
        <source>administrar</source>
        <translation>administer</translation>
    </message>
    <message>
        <source>longitud distinta de 17</source>
        <translation>length other than 17</translation>
    </message>
    <message>
        <source>caracteres no permitidos (I, O, Q u otros)</source>
        <translation>characters not allowed (I, O, Q or others)</translation>
    </message>
    <message>
        <source>dígito de control (posición 9) incorrecto</source>
        <translation>wrong check digit (position 9)</translation>
    </message>
    <message>
        <source>vacío</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>número no válido</source>
        <translation>not a valid number</translation>
    </message>
    <message>
        <source>Abierta</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Asignada</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Explicada</source>
        <translation>Explained</translation>
    </message>
    <message>
        <source>Con corrección propuesta</source>
        <translation>With correction proposed</translation>
    </message>
    <message>
        <source>Con corrección aprobada</source>
        <translation>With correction approved</translation>
    </message>
    <message>
        <source>Con corrección enviada</source>
        <translation>With correction pushed</translation>
    </message>
    <message>
        <source>Conciliada a mano</source>
        <translation>Matched by hand</translation>
    </message>
    <message>
        <source>Resuelta</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>abierta</source>
        <translation>open</translation>
    </message>
    <message>
        <source>asignada</source>
        <translation>assigned</translation>
    </message>
    <message>
        <source>explicada</source>
        <translation>explained</translation>
    </message>
    <message>
        <source>con corrección propuesta</source>
        <translation>with correction proposed</translation>
    </message>
    <message>
        <source>con corrección aprobada</source>
        <translation>with correction approved</translation>
    </message>
    <message>
        <source>con corrección enviada</source>
        <translation>with correction pushed</translation>
    </message>
    <message>
        <source>conciliada a mano</source>
        <translation>matched by hand</translation>
    </message>
    <message>
        <source>resuelta</source>
        <translation>resolved</translation>
    </message>
    <message>
        <source>Pago en tránsito</source>
        <translation>Payment in transit</translation>
    </message>
    <message>
        <source>Redondeo</source>
        <translation>Rounding</translation>
    </message>
    <message>
        <source>Comisión bancaria</source>
        <translation>Bank fee</translation>
    </message>
    <message>
        <source>Retención</source>
        <translation>Withholding</translation>
    </message>
    <message>
        <source>Anticipo</source>
        <translation>Advance</translation>
    </message>
    <message>
        <source>Error de digitación</source>
        <translation>Typing error</translation>
    </message>
    <message>
        <source>Duplicado conocido</source>
        <translation>Known duplicate</translation>
    </message>
    <message>
        <source>pago en tránsito</source>
        <translation>payment in transit</translation>
    </message>
    <message>
        <source>redondeo</source>
        <translation>rounding</translation>
    </message>
    <message>
        <source>comisión bancaria</source>
        <translation>bank fee</translation>
    </message>
    <message>
        <source>retención</source>
        <translation>withholding</translation>
    </message>
    <message>
        <source>anticipo</source>
        <translation>advance</translation>
    </message>
    <message>
        <source>error de digitación</source>
        <translation>typing error</translation>
    </message>
    <message>
        <source>duplicado conocido</source>
        <translation>known duplicate</translation>
    </message>
    <message>
        <source>otro</source>
        <translation>other</translation>
    </message>
    <message>
        <source>misma factura</source>
        <translation>same invoice</translation>
    </message>
    <message>
        <source>factura parecida ({value})</source>
        <translation>similar invoice ({value})</translation>
    </message>
    <message>
        <source>recibo parecido ({value})</source>
        <translation>similar receipt ({value})</translation>
    </message>
    <message>
        <source>mismo cliente</source>
        <translation>same customer</translation>
    </message>
    <message>
        <source>mismo valor</source>
        <translation>same amount</translation>
    </message>
    <message>
        <source>valor cercano (diferencia {value})</source>
        <translation>close amount (difference {value})</translation>
    </message>
    <message>
        <source>misma fecha</source>
        <translation>same date</translation>
    </message>
    <message>
        <source>fecha a {value} días</source>
        <translation>date {value} days apart</translation>
    </message>
    <message>
        <source>misma sede</source>
        <translation>same branch</translation>
    </message>
    <message>
        <source>mismo documento</source>
        <translation>same document</translation>
    </message>
    <message>
        <source>documento parecido ({value})</source>
        <translation>similar document ({value})</translation>
    </message>
    <message>
        <source>nombre parecido</source>
        <translation>similar name</translation>
    </message>
    <message>
        <source>mismo teléfono</source>
        <translation>same phone</translation>
    </message>
    <message>
        <source>mismo correo</source>
        <translation>same e-mail</translation>
    </message>
    <message>
        <source>misma ciudad</source>
        <translation>same city</translation>
    </message>
    <message>
        <source>VIN parecido ({value})</source>
        <translation>similar VIN ({value})</translation>
    </message>
    <message>
        <source>misma marca, línea y modelo</source>
        <translation>same make, model and year</translation>
    </message>
    <message>
        <source>mismo color</source>
        <translation>same colour</translation>
    </message>
    <message>
        <source>Certificado</source>
        <translation>Certified</translation>
    </message>
    <message>
        <source>Firmado</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>Reabierto</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <source>Hallazgos de la conciliación</source>
        <translation>Reconciliation findings</translation>
    </message>
    <message>
        <source>Hallazgo asignado</source>
        <translation>Finding assigned</translation>
    </message>
    <message>
        <source>Hallazgo explicado</source>
        <translation>Finding explained</translation>
    </message>
    <message>
        <source>Hallazgo reabierto</source>
        <translation>Finding reopened</translation>
    </message>
    <message>
        <source>Conciliado a mano</source>
        <translation>Matched by hand</translation>
    </message>
    <message>
        <source>Conciliación a mano deshecha</source>
        <translation>Manual match undone</translation>
    </message>
    <message>
        <source>Conciliación a mano caducada</source>
        <translation>Manual match lapsed</translation>
    </message>
    <message>
        <source>Periodo certificado</source>
        <translation>Period certified</translation>
    </message>
    <message>
        <source>Cierre firmado</source>
        <translation>Close signed off</translation>
    </message>
    <message>
        <source>Periodo reabierto</source>
        <translation>Period reopened</translation>
    </message>
    <message>
        <source>Editada</source>
        <translation>Edited</translation>
    </message>
    <message>
        <source>Editada (anula la aprobación)</source>
        <translation>Edited (voids the approval)</translation>
    </message>
    <message>
        <source>Vuelve a decisión</source>
        <translation>Back to decision</translation>
    </message>
    <message>
        <source>Propuesta para deshacer</source>
        <translation>Proposed to undo</translation>
    </message>
    <message>
        <source>Seguimiento propuesto</source>
        <translation>Follow-up proposed</translation>
    </message>
    <message>
        <source>En cola para enviar</source>
        <translation>Queued to push</translation>
    </message>
    <message>
        <source>Envío intentado</source>
        <translation>Push attempted</translation>
    </message>
    <message>
        <source>Aplicada en el sistema</source>
        <translation>Applied in the system</translation>
    </message>
    <message>
        <source>Conflicto con el sistema</source>
        <translation>Conflict with the system</translation>
    </message>
    <message>
        <source>Rechazada por el sistema</source>
        <translation>Rejected by the system</translation>
    </message>
    <message>
        <source>Envío fallido</source>
        <translation>Push failed</translation>
    </message>
    <message>
        <source>Reintento programado</source>
        <translation>Retry scheduled</translation>
    </message>
    <message>
        <source>Vuelve a la cola</source>
        <translation>Back in the queue</translation>
    </message>
    <message>
        <source>No enviada (contenido alterado)</source>
        <translation>Not pushed (content altered)</translation>
    </message>
    <message>
        <source>Fusión enviada</source>
        <translation>Merge pushed</translation>
    </message>
    <message>
        <source>Persona registrada</source>
        <translation>Person registered</translation>
    </message>
    <message>
        <source>Conciliación guardada</source>
        <translation>Reconciliation saved</translation>
    </message>
    <message>
        <source>Almacén actualizado</source>
        <translation>Store upgraded</translation>
    </message>
    <message>
        <source>Hallazgos al día</source>
        <translation>Findings up to date</translation>
    </message>
    <message>
        <source>Periodo firmado</source>
        <translation>Period signed off</translation>
    </message>
</context>
</TS>
