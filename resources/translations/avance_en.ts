<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="es_CL">
<context>
    <name></name>
    <message>
        <location filename="../../ui/dialogs.py" line="89"/>
        <source>SafeIconProvider</source>
        <comment>Carpeta</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="91"/>
        <source>SafeIconProvider</source>
        <comment>Archivo {0}</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="91"/>
        <source>SafeIconProvider</source>
        <comment>Archivo</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="411"/>
        <source>Tablero nacional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="417"/>
        <source>Año de reporte:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="439"/>
        <source>Resolver conflictos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="440"/>
        <source>Muestra las dos versiones de cada registro en conflicto y deja elegir cuál se conserva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="443"/>
        <source>Conflictos abiertos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="472"/>
        <source>Trimestre en curso: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="475"/>
        <source>Ninguna región tiene datos de ese año: no hay resultado del servicio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="479"/>
        <source>Desempeño anual servicio {0} — {1}. Servicio: &lt;b&gt;{2}&lt;/b&gt; (todas las regiones deben llegar al 90 %, nota 12).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="484"/>
        <source>Desempeño anual servicio {0} — {1}. Servicio: &lt;b&gt;{2}&lt;/b&gt; (provisional: {3} de 16 regiones con datos). Todas las regiones deben llegar al 90 % (nota 12): el resultado es definitivo cuando estén las 16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="491"/>
        <source>Sin envíos en {0} ({1} de 16): {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="494"/>
        <source>Todas las regiones enviaron su paquete en {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="497"/>
        <source>Resuélvalos con «Resolver conflictos…» (también en Ver); hasta entonces se conserva la versión actual y no se pierde ninguna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="500"/>
        <source>Ningún conflicto abierto.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardTableModel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="357"/>
        <source>Región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="357"/>
        <source>Clave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="357"/>
        <source>Último paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="357"/>
        <source>Creado por la región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="358"/>
        <source>Este trimestre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="358"/>
        <source>Importado aquí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="370"/>
        <source>inscrita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="372"/>
        <source>n.º {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="375"/>
        <source>(no registrado)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="380"/>
        <source>enviado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="380"/>
        <source>sin envío</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="393"/>
        <source>Fecha y hora en que la región creó el paquete, firmada por ella</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="395"/>
        <source>Fecha y hora en que esta oficina importó el paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="397"/>
        <source>cumple la barra del 90 % (nota 11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="398"/>
        <source>bajo la barra del 90 % (nota 11)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="113"/>
        <source>Resolver conflictos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="138"/>
        <location filename="../../ui/conflicts_dialog.py" line="234"/>
        <location filename="../../ui/conflicts_dialog.py" line="255"/>
        <source>Campo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="138"/>
        <location filename="../../ui/conflicts_dialog.py" line="234"/>
        <location filename="../../ui/conflicts_dialog.py" line="245"/>
        <source>Versión actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="139"/>
        <location filename="../../ui/conflicts_dialog.py" line="235"/>
        <location filename="../../ui/conflicts_dialog.py" line="246"/>
        <source>Versión entrante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="155"/>
        <source>Conservar la versión actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="156"/>
        <location filename="../../ui/conflicts_dialog.py" line="225"/>
        <source>Conservar la versión entrante</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="160"/>
        <source>La versión que no se conserva se descarta. Para escribir otro valor use «avance bundle resolve … --keep valor».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="194"/>
        <source>Ningún conflicto abierto: cada registro tiene una sola versión.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="196"/>
        <source>Hay 1 conflicto abierto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="196"/>
        <source>Hay {0} conflictos abiertos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="198"/>
        <source>{0}: dos instalaciones de una misma región editaron el mismo registro. Hasta que elija, se conserva la versión actual y la otra queda guardada; no se pierde ninguna.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="224"/>
        <source>Aceptar la eliminación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="238"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; del programa {1} (conflicto {2}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="241"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; de la región de {1} (conflicto {2}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="248"/>
        <source>elimina el registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="250"/>
        <source>editada el {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="255"/>
        <source>Versión actual (se conserva por ahora)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="256"/>
        <source>Versión entrante (de la otra instalación)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="268"/>
        <source>Las dos versiones tienen los mismos valores; solo difiere la fecha de edición.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictsTableModel</name>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Tipo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="50"/>
        <source>Programa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="51"/>
        <source>Diferencia</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="81"/>
        <source>la otra instalación lo eliminó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="83"/>
        <source>eliminado aquí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="85"/>
        <source>1 campo distinto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.py" line="85"/>
        <source>{0} campos distintos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPreviewDialog</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="249"/>
        <source>Exportar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="250"/>
        <source>Exportar paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="250"/>
        <source>Exportar paquete completo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="252"/>
        <source>&lt;b&gt;Paquete n.º {0}&lt;/b&gt; de la {1} para la {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="256"/>
        <source>Contenido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="256"/>
        <source>Registros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="268"/>
        <source>Eliminaciones (registros borrados aquí)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="271"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="281"/>
        <source>Acuse de recibo: paquetes de la región aplicados hasta el n.º {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="285"/>
        <source>Solo los cambios posteriores al paquete n.º {0}, el último que la oficina central acusó recibir; si un paquete posterior se perdió, sus cambios van también.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="289"/>
        <source>Paquete completo: todos los registros de la región.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="291"/>
        <source>Archivos de medios de verificación: {0} ({1}), todos los de la región.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="294"/>
        <source>Archivos de medios de verificación: {0} ({1}) que la oficina central aún no tiene.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="296"/>
        <source>El paquete va firmado con la clave de esta oficina y cifrado para la {0}: si se pierde, no revela nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="301"/>
        <source>Elegir destino y exportar…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="368"/>
        <source>Región → año → formulario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370"/>
        <source>Navegador</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="381"/>
        <source>Valor no válido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="386"/>
        <location filename="../../ui/main_window.py" line="405"/>
        <source>Abriendo la base de datos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="396"/>
        <source>Puntaje</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="605"/>
        <source>Elija una región, un año y un formulario en el navegador.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="411"/>
        <source>Listo. Los cambios se guardan al editar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="428"/>
        <source>&amp;Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="430"/>
        <source>&amp;Vista previa…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="431"/>
        <source>Muestra el formulario abierto tal como se imprime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="434"/>
        <source>&amp;Imprimir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="435"/>
        <source>Imprime el formulario abierto en el formato oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="438"/>
        <source>&amp;Exportar PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="439"/>
        <source>Guarda el formulario abierto como PDF oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="442"/>
        <source>Imprimir la región (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="445"/>
        <source>Exportar la región a PDF (todos los formularios)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="448"/>
        <source>Exportar la consolidación nacional a PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="449"/>
        <source>Desempeño de cada región por programa, barra del 90 % y resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="452"/>
        <source>Exportar la nación a PDF (todas las regiones y la consolidación)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="456"/>
        <source>Imprimir la consolidación nacional…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="457"/>
        <source>Imprime el desempeño de cada región por programa, la barra del 90 % y el resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="460"/>
        <source>Imprimir la nación (todas las regiones y la consolidación)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="462"/>
        <source>Imprime los formularios de cada región y la consolidación nacional, página por página</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="465"/>
        <source>Exportar Excel de la región…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="466"/>
        <source>Libro Excel con los formularios oficiales, fórmulas vivas y los identificadores para reimportar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="469"/>
        <source>Exportar Excel nacional…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Importar Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>Importa un libro exportado por Avance o en el formato oficial; todo o nada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="476"/>
        <source>&amp;Nuevo año de reporte…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="477"/>
        <source>Crea los programas III.1, III.2 y III.3 de una región para un año nuevo, con los objetivos del año anterior si se quiere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="498"/>
        <source>&amp;Papel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="502"/>
        <source>{0} (horizontal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="508"/>
        <source>Incluir advertencias de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="510"/>
        <source>Imprime tras las notas las advertencias de Avance, que no son parte del formulario oficial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="515"/>
        <source>&amp;Salir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="525"/>
        <source>&amp;Editar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="526"/>
        <source>Deshacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="528"/>
        <source>Rehacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="534"/>
        <source>Agregar &amp;objetivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="535"/>
        <source>Agrega un objetivo específico después del objetivo seleccionado (en el III.3, en su sección)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="538"/>
        <source>Agregar a&amp;ctividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="539"/>
        <source>Agrega una actividad al objetivo seleccionado, después de la actividad seleccionada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="542"/>
        <source>&amp;Eliminar fila…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="543"/>
        <source>Elimina la actividad seleccionada, o el objetivo si la celda es del objetivo (pide confirmación)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="545"/>
        <source>&amp;Subir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="546"/>
        <source>Sube la actividad (o el objetivo) seleccionado un lugar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="547"/>
        <source>&amp;Bajar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="548"/>
        <source>Baja la actividad (o el objetivo) seleccionado un lugar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="549"/>
        <source>Eliminar objetivo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="550"/>
        <source>Eliminar actividad…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="565"/>
        <source>Marcar «Cumple: Sí»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="566"/>
        <source>Marcar «Cumple: No»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="567"/>
        <source>Quitar «Cumple/no cumple»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="580"/>
        <source>&amp;Ver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="582"/>
        <source>A&amp;yuda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="583"/>
        <source>&amp;Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="608"/>
        <source>Esta base de datos no tiene formularios todavía.

Oficina central: llegan con los paquetes de las regiones (Archivo → Importar paquetes…).
Oficina regional: cree su año de reporte (Archivo → Nuevo año de reporte…) o importe un libro Excel (Archivo → Importar Excel…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="687"/>
        <source>El análisis del avance (III.4) no se puntúa: el puntaje está en III.1, III.2 y III.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="691"/>
        <location filename="../../ui/main_window.py" line="1165"/>
        <location filename="../../ui/main_window.py" line="1176"/>
        <location filename="../../ui/main_window.py" line="1237"/>
        <location filename="../../ui/main_window.py" line="1280"/>
        <location filename="../../ui/main_window.py" line="1386"/>
        <source>Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="735"/>
        <source>No se guardó el cambio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="737"/>
        <source>Editar {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="740"/>
        <source>Guardado: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="760"/>
        <source>Seleccione una fila de actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="820"/>
        <source>Abra un formulario III.1, III.2 o III.3 para agregar objetivos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="831"/>
        <location filename="../../ui/main_window.py" line="837"/>
        <source>Agregar objetivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="831"/>
        <source>¿En qué sección del III.3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="845"/>
        <source>Seleccione el objetivo al que agregar la actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="850"/>
        <source>Agregar actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="859"/>
        <source>Seleccione la fila que quiere eliminar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="865"/>
        <source>El objetivo no tiene actividades.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="871"/>
        <source>No se eliminó</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="873"/>
        <source>Eliminar objetivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="873"/>
        <source>Eliminar actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="874"/>
        <source>Eliminar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="886"/>
        <source>Seleccione la fila que quiere mover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="889"/>
        <source>Subir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="889"/>
        <source>Bajar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="891"/>
        <source>{0} objetivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="893"/>
        <source>{0} actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="914"/>
        <source>Nuevo año de reporte {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="926"/>
        <source>No se hizo el cambio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="940"/>
        <source>No se pudo deshacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="940"/>
        <source>No se pudo rehacer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="989"/>
        <source>Se deshizo: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1010"/>
        <source>Agregar objetivo al final de la sección</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1043"/>
        <source>Papel: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1065"/>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1071"/>
        <source>Cancelando…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1076"/>
        <source>Imprimiendo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1098"/>
        <source>PDF guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1105"/>
        <source>Impresión cancelada: no se escribió ni imprimió nada más.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1110"/>
        <source>No se pudo imprimir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1125"/>
        <source>Preparando los formularios: región {0} de {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1126"/>
        <source>Leyendo los datos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1128"/>
        <source>Componiendo las páginas: {0} hasta ahora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1129"/>
        <source>Componiendo las páginas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1131"/>
        <source>Escribiendo la página {0} de {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1133"/>
        <source>Enviando la página {0} de {1} a la impresora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1165"/>
        <location filename="../../ui/main_window.py" line="1176"/>
        <location filename="../../ui/main_window.py" line="1237"/>
        <location filename="../../ui/main_window.py" line="1280"/>
        <source>Abra primero un formulario.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1167"/>
        <source>todos los formularios de la región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1168"/>
        <source>Preparando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1179"/>
        <source>Preparando los formularios de todas las regiones {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1180"/>
        <source>Preparando la consolidación nacional {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1226"/>
        <source>Enviada 1 página a la impresora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1227"/>
        <source>Enviadas {0} páginas a la impresora.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1230"/>
        <source>Imprimiendo en {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1230"/>
        <source>la impresora</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1239"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1244"/>
        <source>Exportar PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1247"/>
        <source>Imprimiendo {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1254"/>
        <source>Exportar la región a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1259"/>
        <source>Imprimiendo los formularios de {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1268"/>
        <source>Exportar a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1272"/>
        <source>Imprimiendo la consolidación nacional {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1387"/>
        <source>Hay un trabajo en curso (impresión, exportación o importación). Espere a que termine, o cancélelo en su ventana de progreso, y vuelva a cerrar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1271"/>
        <source>Imprimiendo los formularios de todas las regiones {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>&lt;b&gt;Solo lectura.&lt;/b&gt; {0}</source>
        <extracomment>Column widths in pixels by field, for the form tables.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1286"/>
        <location filename="../../ui/main_window.py" line="1293"/>
        <source>Exportar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1286"/>
        <location filename="../../ui/main_window.py" line="1302"/>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1291"/>
        <source>Exportando a Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1292"/>
        <source>Excel guardado en {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1293"/>
        <source>No se pudo exportar el libro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1302"/>
        <location filename="../../ui/main_window.py" line="1312"/>
        <location filename="../../ui/main_window.py" line="1322"/>
        <location filename="../../ui/main_window.py" line="1327"/>
        <location filename="../../ui/main_window.py" line="1351"/>
        <location filename="../../ui/main_window.py" line="1356"/>
        <location filename="../../ui/main_window.py" line="1367"/>
        <location filename="../../ui/main_window.py" line="1370"/>
        <source>Importar Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1313"/>
        <source>La hoja {0} no indica el trimestre (el formulario III.4 de la semilla no lo dice). ¿De qué trimestre es?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1315"/>
        <source>T{0} (trimestre {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1328"/>
        <source>«{0}» tiene 1 problema; no se importó nada. Corríjalo y vuelva a importar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1330"/>
        <source>«{0}» tiene {1} problemas; no se importó nada. Corríjalos y vuelva a importar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1338"/>
        <source>La base de datos ya tiene {0}. ¿Reemplazarlo con el contenido del libro?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1341"/>
        <source>El libro ya no tiene estos registros (sus filas se borraron o se vaciaron). Al reemplazar:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1345"/>
        <source>Atención: el libro ya no tiene algunos registros que llevan información adjunta. Al reemplazar:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1349"/>
        <source>Los registros que siguen en el libro conservan sus medios de verificación y las observaciones de la oficina central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1351"/>
        <source>Reemplazar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1353"/>
        <source>Importando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1356"/>
        <source>No se pudo importar el libro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1320"/>
        <location filename="../../ui/main_window.py" line="1369"/>
        <source>Revisando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1322"/>
        <location filename="../../ui/main_window.py" line="1370"/>
        <source>No se pudo revisar el libro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1376"/>
        <source>Acerca de Avance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="1378"/>
        <source>&lt;b&gt;Avance&lt;/b&gt; 0.1&lt;br&gt;Programas de trabajo regionales de los sistemas PMG Gestión Territorial y Enfoque de Género (Etapa 3: formularios III.1 a III.4), fuera de línea.&lt;br&gt;&lt;br&gt;Base de datos: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="77"/>
        <source>La base de datos se actualizó a esta versión; copia de respaldo: {0}</source>
        <extracomment>Set by the start-up benchmark to the launch time (``time.time()``): the app prints the milliseconds from launch to the first paint and to the data shown, then quits.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="81"/>
        <source>Base de datos nueva: se cargó el ejemplo {0} {1} (semilla 001).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewYearDialog</name>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="62"/>
        <source>Nuevo año de reporte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="66"/>
        <source>Crea los programas de trabajo III.1, III.2 y III.3 de una región para un año nuevo. El análisis del avance (III.4) sigue a sus objetivos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="74"/>
        <source>Programas vacíos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="82"/>
        <source>Las actividades se traspasan con su unidad responsable (6), su medio de verificación (7) y su ponderación (8). Nunca se traspasan el resultado anual del indicador (4), el cumplimiento (9), el análisis del avance (III.4), los archivos adjuntos ni la identificación de la instancia del III.2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="91"/>
        <source>Región:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="92"/>
        <source>Año:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="99"/>
        <source>Traspasar:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="101"/>
        <source>Crear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="104"/>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="141"/>
        <source>Objetivos específicos e indicadores de {0} (fijados en la etapa 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="143"/>
        <source>Objetivos, indicadores y actividades de {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="145"/>
        <source>Objetivos específicos e indicadores del año anterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="146"/>
        <source>Objetivos, indicadores y actividades del año anterior</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="153"/>
        <source>{0} no tiene años de reporte anteriores a {1}: los programas empiezan vacíos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/new_year_dialog.py" line="159"/>
        <source>{0} ya tiene el año {1}: elija otro año.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationsDialog</name>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="93"/>
        <source>Observaciones de la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="99"/>
        <source>Sobre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="99"/>
        <source>Objetivo o actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="99"/>
        <source>Observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="100"/>
        <source>Fecha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="109"/>
        <source>Editar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="110"/>
        <source>Eliminar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="140"/>
        <source>Este formulario no tiene observaciones de la oficina central.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficeSetupDialog</name>
    <message>
        <location filename="../../ui/office_dialog.py" line="56"/>
        <source>Configurar esta instalación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="58"/>
        <source>Avance intercambia paquetes firmados y cifrados entre las oficinas regionales y la oficina central. Indique qué oficina es esta instalación; no se puede cambiar después.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="61"/>
        <source>Oficina regional (dirección regional o Seremía)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="62"/>
        <source>Oficina central (nivel central)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="67"/>
        <source>Elija la región…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="79"/>
        <source>Región:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="81"/>
        <source>Frase de paso:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="82"/>
        <source>Repítala:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="84"/>
        <source>La frase de paso protege las claves de esta oficina. Se pide al exportar e importar paquetes y no se guarda en ninguna parte: si se olvida, hay que configurar una instalación nueva.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="88"/>
        <source>Configurar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="91"/>
        <source>Más tarde</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="91"/>
        <source>Cancelar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="100"/>
        <source>Puede hacerlo después en Archivo → Oficina → Configurar oficina.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="114"/>
        <source>Elija la región de esta oficina regional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="116"/>
        <source>Escriba una frase de paso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="118"/>
        <source>La frase de paso debe tener al menos {0} caracteres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/office_dialog.py" line="120"/>
        <source>Las frases de paso no coinciden.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="197"/>
        <source>Vista previa</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PerformanceBar</name>
    <message>
        <location filename="../../ui/scoring_panel.py" line="24"/>
        <source>El programa se valida con un desempeño de 90 % o más (nota 11).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="50"/>
        <source>Copiar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgrammePage</name>
    <message>
        <location filename="../../ui/main_window.py" line="209"/>
        <source>Identificación de la instancia de complementariedad</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgrammeTableModel</name>
    <message>
        <location filename="../../ui/table_models.py" line="305"/>
        <location filename="../../ui/table_models.py" line="377"/>
        <source>Observaciones de la oficina central:</source>
        <extracomment>``editor(target, target_id, field, old_value, new_value)``; target is &quot;objective&quot;, &quot;commitment&quot; or &quot;progress&quot;; returns True when the edit was accepted.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/table_models.py" line="354"/>
        <source>(sin actividades: Editar → Agregar actividad)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <location filename="../../ui/main_window.py" line="299"/>
        <source>Trimestre {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="300"/>
        <source>Fecha de medición del análisis del avance («a la fecha»)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>Análisis al:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewController</name>
    <message>
        <location filename="../../ui/review_actions.py" line="59"/>
        <source>Agregar observación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="60"/>
        <source>Oficina central: una observación sobre el objetivo o la actividad seleccionada, para la oficina regional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="62"/>
        <location filename="../../ui/review_actions.py" line="88"/>
        <source>Observaciones…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="63"/>
        <source>Las observaciones de la oficina central sobre el formulario abierto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="64"/>
        <source>Estado de revisión…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="65"/>
        <source>Oficina central: pendiente, aprobado u observado, con una nota, para el programa abierto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="88"/>
        <source>Observaciones de la oficina central…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="107"/>
        <source>• {0}: {1} ({2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="118"/>
        <source>Revisión del nivel central: &lt;b&gt;&lt;span style=&quot;color:{0}&quot;&gt;{1}&lt;/span&gt;&lt;/b&gt;{2} &lt;span style=&quot;color:#6b7580&quot;&gt;({3})&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="146"/>
        <source>Agregar observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="152"/>
        <source>Seleccione en III.1, III.2 o III.3 la fila del objetivo o la actividad que quiere observar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="157"/>
        <source>el objetivo {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="158"/>
        <source>Objetivo {0}: «{1}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="158"/>
        <location filename="../../ui/review_actions.py" line="162"/>
        <source>(sin texto)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="160"/>
        <source>la actividad {0} del objetivo {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="161"/>
        <source>Actividad {0} del objetivo {1}: «{2}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="166"/>
        <source>¿Sobre qué es la observación?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="174"/>
        <source>Observación sobre {0} ({1} {2} {3}).
La {4} la verá al importar la próxima respuesta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="177"/>
        <source>Cancelado: no se agregó ninguna observación.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="187"/>
        <source>Observación agregada sobre {0} ({1}). Llegará a la {2} con la próxima respuesta (Archivo → Exportar respuesta…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="194"/>
        <source>Estado de revisión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="199"/>
        <source>Abra un formulario III.1, III.2 o III.3 para revisarlo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="206"/>
        <source>Cancelado: la revisión no cambió.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="216"/>
        <source>Revisión de {0}: {1}. Llegará a la {2} con la próxima respuesta (Archivo → Exportar respuesta…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="227"/>
        <source>Abra un formulario III.1, III.2 o III.3 para ver sus observaciones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="256"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1}. La {2} las recibe con cada respuesta (Archivo → Exportar respuesta…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="257"/>
        <location filename="../../ui/review_actions.py" line="261"/>
        <source>observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="257"/>
        <location filename="../../ui/review_actions.py" line="261"/>
        <source>observaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="260"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1} de la oficina central, recibidas con su última respuesta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="267"/>
        <source>Editar observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="268"/>
        <source>Observación sobre {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="280"/>
        <source>Observación corregida ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="285"/>
        <source>Eliminar observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="286"/>
        <source>¿Eliminar la observación sobre {0}: «{1}»? La {2} deja de verla con la próxima respuesta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="288"/>
        <source>Eliminar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.py" line="298"/>
        <source>Observación eliminada ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="50"/>
        <source>Estado de revisión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="52"/>
        <source>Revisión del nivel central de &lt;b&gt;{0}&lt;/b&gt;. La oficina regional la verá al importar la próxima respuesta (Archivo → Exportar respuesta…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="60"/>
        <source>Qué debe saber o corregir la oficina regional (opcional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="63"/>
        <source>Estado:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="64"/>
        <source>Nota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/notes_dialogs.py" line="66"/>
        <source>Guardar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <location filename="../../ui/scoring_panel.py" line="90"/>
        <source>Advertencias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="99"/>
        <source>Ponderaciones ({0}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="100"/>
        <source>Ponderación ganada ({0}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="101"/>
        <source>Desempeño anual región ({0}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="109"/>
        <source>Seleccione un programa de trabajo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="119"/>
        <source>  (deben sumar 100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="126"/>
        <source>✔ Programa válido: alcanza el 90 % ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/scoring_panel.py" line="129"/>
        <source>✘ Bajo el 90 %: el programa no se valida ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/sync_actions.py" line="169"/>
        <source>&amp;Oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="122"/>
        <location filename="../../ui/sync_actions.py" line="128"/>
        <location filename="../../ui/sync_actions.py" line="261"/>
        <source>Sincronización</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="95"/>
        <source>Configurar oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="96"/>
        <source>Configura esta instalación como oficina regional o central (claves de firma y cifrado)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="97"/>
        <source>Exportar claves públicas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="98"/>
        <source>Archivo de claves públicas para la otra oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="99"/>
        <source>Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="100"/>
        <source>Agrega las claves públicas de otra oficina al almacén de confianza</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="101"/>
        <source>Exportar paquete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="102"/>
        <source>Paquete firmado y cifrado para la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="104"/>
        <source>Exportar paquete completo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="105"/>
        <source>Todos los registros de la región, no solo los cambios: cuando la oficina central lo pide (por ejemplo, tras restaurar una copia de seguridad)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="107"/>
        <source>Importar respuesta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="108"/>
        <source>Importa el acuse de recibo y las observaciones de la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="109"/>
        <source>Importar paquetes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="110"/>
        <source>Importa los paquetes de las regiones (varios a la vez)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="111"/>
        <source>Exportar respuesta…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="112"/>
        <source>Acuse de recibo y observaciones para una región</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="113"/>
        <source>Adjuntar medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="114"/>
        <source>Adjunta un archivo a la actividad seleccionada (también puede arrastrarlo sobre la fila)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="116"/>
        <source>Tablero nacional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="117"/>
        <source>Último paquete de cada región, desempeño regional y resultado del servicio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="118"/>
        <source>Resolver conflictos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="119"/>
        <source>Registros editados por dos instalaciones de una región: elija qué versión se conserva</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="272"/>
        <source>Frase de paso de la clave de esta oficina:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="276"/>
        <source>Cancelado: no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="284"/>
        <source>Frase de paso incorrecta. Escríbala de nuevo (intento {0} de {1}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="286"/>
        <source>Frase de paso incorrecta {0} veces: no se cambió nada. Vuelva a intentarlo cuando la tenga.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="304"/>
        <location filename="../../ui/sync_actions.py" line="324"/>
        <source>Configurar oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="305"/>
        <source>Esta instalación ya está configurada: {0}. Huella de su clave: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="311"/>
        <source>Oficina sin configurar: puede hacerlo en Archivo → Oficina → Configurar oficina.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="325"/>
        <source>Oficina configurada: {0}. Huella de su clave: {1}. Exporte sus claves públicas (Archivo → Oficina) y compare la huella por teléfono con la otra oficina.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="329"/>
        <source>Creando las claves de la oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="337"/>
        <location filename="../../ui/sync_actions.py" line="341"/>
        <source>Exportar claves públicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="352"/>
        <source>Firmando las claves públicas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="353"/>
        <source>Claves públicas guardadas en {0}. Huella: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="361"/>
        <source>Incorporar claves de otra oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="373"/>
        <location filename="../../ui/sync_actions.py" line="379"/>
        <location filename="../../ui/sync_actions.py" line="390"/>
        <location filename="../../ui/sync_actions.py" line="392"/>
        <source>Incorporar claves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="379"/>
        <source>¿De qué región es el archivo?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="393"/>
        <source>Clave de la {0} incorporada. Huella: {1}. Compárela por teléfono con esa oficina antes de intercambiar paquetes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="422"/>
        <location filename="../../ui/sync_actions.py" line="426"/>
        <location filename="../../ui/sync_actions.py" line="439"/>
        <source>Exportar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="423"/>
        <source>Esta oficina no tiene claves de ninguna región: incorpórelas con Archivo → Oficina → Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="427"/>
        <source>¿A qué región responder? (una región con varias instalaciones recibe una respuesta para cada una)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="440"/>
        <source>Exportar paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="440"/>
        <source>Exportar paquete completo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="444"/>
        <source>Esta oficina no tiene la clave de la {0}: incorpore su archivo de claves con Archivo → Oficina → Incorporar claves de otra oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="463"/>
        <source>Paquete n.º {0} para la {1} guardado en {2}: {3}, {4}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="465"/>
        <source>registro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="465"/>
        <source>registros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="466"/>
        <source>medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="466"/>
        <source>medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="471"/>
        <source>Firmando y cifrando el paquete n.º {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="478"/>
        <location filename="../../ui/sync_actions.py" line="480"/>
        <source>Importar paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="484"/>
        <location filename="../../ui/sync_actions.py" line="486"/>
        <source>Importar respuesta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="521"/>
        <source>importado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="521"/>
        <source>importados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="523"/>
        <source>ya importado o cubierto antes (sin cambios)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="524"/>
        <source>ya importados o cubiertos antes (sin cambios)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="526"/>
        <location filename="../../ui/sync_actions.py" line="537"/>
        <source>paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="526"/>
        <location filename="../../ui/sync_actions.py" line="537"/>
        <source>paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="525"/>
        <source>rechazado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="525"/>
        <source>rechazados</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="526"/>
        <source>{0}: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="529"/>
        <source>Con el rechazado no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="530"/>
        <source>Con los rechazados no se cambió nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="536"/>
        <source>Verificando e importando {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="598"/>
        <location filename="../../ui/sync_actions.py" line="601"/>
        <location filename="../../ui/sync_actions.py" line="671"/>
        <source>Adjuntar medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="599"/>
        <source>Seleccione primero una fila de actividad en III.1, III.2 o III.3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="602"/>
        <source>Todos los archivos (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="617"/>
        <source>Medio de verificación adjunto: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="622"/>
        <source>Guardando el medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="630"/>
        <location filename="../../ui/sync_actions.py" line="642"/>
        <source>Quitar medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="631"/>
        <source>¿Quitar «{0}» de su actividad? El próximo paquete lo quitará también en la oficina central; el archivo se borra de la carpeta de evidencias si ninguna otra actividad lo usa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="633"/>
        <source>Quitar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="634"/>
        <source>Cancelado: no se quitó nada.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="644"/>
        <source>Medio de verificación quitado: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="666"/>
        <source>Suelte el archivo sobre una fila de actividad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="672"/>
        <source>¿Adjuntar {0} como medio de verificación de «{1}»?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="673"/>
        <source>Adjuntar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="722"/>
        <source>Resolver conflictos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="726"/>
        <source>¿Conservar la versión actual de {0} «{1}»? La versión de la otra instalación (paquete n.º {2}) se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="729"/>
        <source>¿Eliminar {0} «{1}», como indica el paquete n.º {2} de la otra instalación? La versión actual se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="732"/>
        <source>¿Conservar la versión entrante (paquete n.º {2} de la otra instalación) de {0} «{1}»? La versión actual se descarta.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="735"/>
        <source>Conservar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="748"/>
        <source>Conflicto {0} resuelto: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_actions.py" line="754"/>
        <source>Resolviendo el conflicto…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="99"/>
        <source>Paquete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="99"/>
        <source>Oficina</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="99"/>
        <source>N.º</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="99"/>
        <location filename="../../ui/sync_panel.py" line="101"/>
        <location filename="../../ui/sync_panel.py" line="106"/>
        <source>Fecha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="100"/>
        <source>Contenido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="101"/>
        <source>Sobre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="101"/>
        <location filename="../../ui/sync_panel.py" line="103"/>
        <source>Programa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="101"/>
        <source>Observación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="103"/>
        <source>Revisión</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="103"/>
        <source>Nota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="104"/>
        <source>Actividad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="104"/>
        <location filename="../../ui/sync_panel.py" line="106"/>
        <source>Archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="104"/>
        <source>Tamaño</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="104"/>
        <source>Estado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="106"/>
        <source>Resultado</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="106"/>
        <source>Mensaje</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="109"/>
        <source>Paquetes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="114"/>
        <source>Revisión de los programas por la oficina central:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="116"/>
        <source>Observaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="117"/>
        <source>Quitar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="118"/>
        <source>Quita el medio de verificación seleccionado de su actividad (el próximo paquete lo quita en la oficina central)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131"/>
        <source>Medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132"/>
        <source>Importaciones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="145"/>
        <source>Esta instalación aún no está configurada como oficina. Puede seguir trabajando con los datos; para enviar o recibir paquetes use Archivo → Oficina → Configurar oficina…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="148"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Huella de su clave: &lt;tt&gt;{1}&lt;/tt&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="157"/>
        <source>Aún no se ha exportado ningún paquete a la oficina central.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="159"/>
        <source>Último paquete enviado: n.º {0}. La oficina central aún no envía su acuse de recibo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="162"/>
        <source>Último paquete enviado: n.º {0}. Acuse de recibo: la oficina central aplicó hasta el n.º {1} y tiene {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="165"/>
        <source>medio de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="165"/>
        <source>medios de verificación</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="171"/>
        <source>enviado a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="171"/>
        <source>recibido de</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="173"/>
        <source>Ningún paquete enviado ni recibido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="179"/>
        <source>Sin observaciones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="180"/>
        <source>Sin revisiones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="192"/>
        <source>falta el archivo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="196"/>
        <source>recibido en el paquete n.º {0} de la {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="199"/>
        <source>recibido por la oficina central</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="200"/>
        <source>por enviar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="200"/>
        <source>enviado, sin acuse de recibo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="205"/>
        <source>Ningún medio de verificación adjunto. Arrastre un archivo sobre una actividad o use Editar → Adjuntar medio de verificación…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="229"/>
        <source>Ninguna importación todavía.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
